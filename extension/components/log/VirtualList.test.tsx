import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VirtualList, type VirtualListProps } from './VirtualList';

const ROW_HEIGHT = 30;
const VIEWPORT = 300;

/** happy-dom lays nothing out: the list's viewport is as tall as a page's CSS would make it. */
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(VIEWPORT);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const row = (index: number) => (
  <div role="row" data-testid="row" data-index={index} id={`row-${index}`}>
    Row {index}
  </div>
);

function renderList(props: Partial<VirtualListProps> = {}) {
  const all: VirtualListProps = { count: 100_000, rowHeight: ROW_HEIGHT, renderRow: row, label: 'Audit log', overscan: 5, ...props };
  const view = render(<VirtualList {...all} />);
  const list = screen.getByTestId('virtual-list');
  return { list, rerender: (next: Partial<VirtualListProps>) => view.rerender(<VirtualList {...all} {...next} />) };
}

const renderedIndexes = () => screen.queryAllByTestId('row').map((element) => Number(element.dataset.index));

function scrollTo(list: HTMLElement, top: number) {
  list.scrollTop = top;
  fireEvent.scroll(list);
}

describe('VirtualList', () => {
  it('renders only the rows in view and the overscan of 100,000 rows, in a list as tall as all of them', () => {
    const { list } = renderList();
    expect(renderedIndexes()).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect((list.firstElementChild as HTMLElement).style.height).toBe('3000000px');
  });

  it('renders the rows at the scroll position, placed where they belong', () => {
    const { list } = renderList();
    scrollTo(list, 30_000);
    expect(renderedIndexes()).toEqual(Array.from({ length: 20 }, (_, i) => 995 + i));
    const rows = list.firstElementChild?.firstElementChild as HTMLElement;
    expect(rows.style.transform).toBe(`translateY(${995 * ROW_HEIGHT}px)`);
  });

  it('adds no element around the renderer’s rows', () => {
    const { list } = renderList({ role: 'grid' });
    const rows = list.firstElementChild?.firstElementChild as HTMLElement;
    expect([...rows.children].every((child) => child.getAttribute('role') === 'row')).toBe(true);
  });

  it('is a focusable, labelled container with the given role and active row', () => {
    const { list } = renderList({ role: 'grid', activeDescendant: 'row-3' });
    expect(list.tabIndex).toBe(0);
    expect(list.getAttribute('aria-label')).toBe('Audit log');
    expect(list.getAttribute('role')).toBe('grid');
    expect(list.getAttribute('aria-activedescendant')).toBe('row-3');
  });

  it('scrolls the active row into view, and no further than needed', () => {
    const { list, rerender } = renderList({ activeIndex: 0 });
    rerender({ activeIndex: 500 });
    expect(list.scrollTop).toBe(501 * ROW_HEIGHT - VIEWPORT);
    expect(renderedIndexes()).toContain(500);
    rerender({ activeIndex: 495 });
    expect(list.scrollTop).toBe(501 * ROW_HEIGHT - VIEWPORT);
    rerender({ activeIndex: 400 });
    expect(list.scrollTop).toBe(400 * ROW_HEIGHT);
  });

  it('asks for more once when the rendered rows reach the last 50, and again once the list has grown', () => {
    const onNearEnd = vi.fn();
    const { list, rerender } = renderList({ count: 200, onNearEnd });
    expect(onNearEnd).not.toHaveBeenCalled();
    scrollTo(list, 100 * ROW_HEIGHT);
    expect(onNearEnd).not.toHaveBeenCalled();
    scrollTo(list, 140 * ROW_HEIGHT);
    expect(onNearEnd).toHaveBeenCalledTimes(1);
    scrollTo(list, 150 * ROW_HEIGHT);
    expect(onNearEnd).toHaveBeenCalledTimes(1);
    rerender({ count: 300, onNearEnd });
    expect(onNearEnd).toHaveBeenCalledTimes(1);
    scrollTo(list, 250 * ROW_HEIGHT);
    expect(onNearEnd).toHaveBeenCalledTimes(2);
  });

  it('asks for more at once when the first page is short', () => {
    const onNearEnd = vi.fn();
    renderList({ count: 30, onNearEnd });
    expect(onNearEnd).toHaveBeenCalledTimes(1);
  });

  it('does not ask for more of an empty list', () => {
    const onNearEnd = vi.fn();
    renderList({ count: 0, onNearEnd });
    expect(onNearEnd).not.toHaveBeenCalled();
    expect(renderedIndexes()).toEqual([]);
  });

  it('keeps what the reader looks at in place when rows are put above it', () => {
    const { list, rerender } = renderList({ count: 1_000, insertedAbove: 0 });
    scrollTo(list, 600);
    rerender({ count: 1_012, insertedAbove: 12 });
    expect(list.scrollTop).toBe(600 + 12 * ROW_HEIGHT);
    expect(renderedIndexes()).toContain(20 + 12);
  });

  it('passes keys pressed on it to the page', () => {
    const onKeyDown = vi.fn();
    const { list } = renderList({ onKeyDown });
    fireEvent.keyDown(list, { key: 'j' });
    expect(onKeyDown).toHaveBeenCalledWith(expect.objectContaining({ key: 'j' }));
  });
});
