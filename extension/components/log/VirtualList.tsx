import { Fragment, type AriaRole, type VNode } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { scrollToReveal, windowOf, type ListWindow } from '../../lib/log/filter/virtual-window';

/** The list asks for more when the rendered rows reach this close to its end. */
export const NEAR_END_ROWS = 50;
const DEFAULT_OVERSCAN = 10;

export interface VirtualListProps {
  count: number;
  /** Every row's height in px; each rendered row must be exactly this tall. */
  rowHeight: number;
  /** The row's element, roles included (`row`, `option`…): the list adds no element around it. */
  renderRow(index: number): VNode;
  /** Called once per length of the list when the rendered rows reach its last ~50 rows. */
  onNearEnd?(): void;
  /** The row kept scrolled into view. */
  activeIndex?: number;
  /** The container's accessible name. */
  label: string;
  /** Rows rendered beyond the view on each side. */
  overscan?: number;
  /** The container's role (`grid`, `listbox`…). */
  role?: AriaRole;
  /** The id of the active row's element, for screen readers while focus stays on the container. */
  activeDescendant?: string;
  onKeyDown?(event: KeyboardEvent): void;
  /**
   * How many rows have been put above the first one since the list
   * mounted; each increase moves the scroll by as many rows, so what the
   * reader is looking at stays where it is.
   */
  insertedAbove?: number;
  class?: string;
}

/**
 * A scrolling list of fixed-height rows that renders only the rows in view
 * (and a few around), so 100,000 rows scroll as lightly as 50. Its height
 * comes from the page's CSS; give it a new `key` for a different list.
 */
export function VirtualList(props: VirtualListProps) {
  const { count, rowHeight, activeIndex, insertedAbove = 0 } = props;
  const overscan = props.overscan ?? DEFAULT_OVERSCAN;
  const container = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(0);
  const view = windowOf({ scrollTop, viewportHeight, rowHeight, count, overscan });
  const shown = useRef<ListWindow>(view);
  shown.current = view;

  useLayoutEffect(() => {
    const element = container.current;
    if (!element) return;
    const measure = () => {
      setViewportHeight(element.clientHeight);
      setScrollTop(element.scrollTop);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const scrollTo = (top: number) => {
    const element = container.current;
    if (!element) return;
    element.scrollTop = top;
    setScrollTop(element.scrollTop);
  };

  const inserted = useRef(insertedAbove);
  useLayoutEffect(() => {
    const added = insertedAbove - inserted.current;
    inserted.current = insertedAbove;
    if (added > 0 && container.current) scrollTo(container.current.scrollTop + added * rowHeight);
  }, [insertedAbove]);

  useLayoutEffect(() => {
    const element = container.current;
    if (!element || activeIndex === undefined || activeIndex < 0 || activeIndex >= count) return;
    const top = scrollToReveal({ index: activeIndex, scrollTop: element.scrollTop, viewportHeight: element.clientHeight, rowHeight });
    if (top !== element.scrollTop) scrollTo(top);
  }, [activeIndex, rowHeight]);

  const askedAt = useRef(-1);
  useEffect(() => {
    if (count < askedAt.current) askedAt.current = -1;
    if (!props.onNearEnd || count === 0 || askedAt.current === count || view.end < count - NEAR_END_ROWS) return;
    askedAt.current = count;
    props.onNearEnd();
  }, [view.end, count]);

  const onScroll = (event: Event) => {
    const top = (event.currentTarget as HTMLDivElement).scrollTop;
    const next = windowOf({ scrollTop: top, viewportHeight, rowHeight, count, overscan });
    // Rendering costs only when the rendered rows change, not on every scrolled pixel.
    if (next.start !== shown.current.start || next.end !== shown.current.end) setScrollTop(top);
  };

  const rows: VNode[] = [];
  for (let index = view.start; index < view.end; index += 1) rows.push(<Fragment key={index}>{props.renderRow(index)}</Fragment>);

  return (
    <div
      ref={container}
      class={props.class ? `virtual-list ${props.class}` : 'virtual-list'}
      data-testid="virtual-list"
      tabIndex={0}
      role={props.role}
      aria-label={props.label}
      aria-activedescendant={props.activeDescendant}
      onScroll={onScroll}
      onKeyDown={props.onKeyDown}
      style={{ overflowY: 'auto', position: 'relative' }}
    >
      <div style={{ height: `${view.totalHeight}px`, position: 'relative' }}>
        <div style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${view.offsetTop}px)` }}>{rows}</div>
      </div>
    </div>
  );
}
