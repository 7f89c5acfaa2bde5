import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';
import type { LogModel } from '../../lib/log/log-model';
import { LogRow, ROW_HEIGHT, rowId } from './LogRow';
import { VirtualList } from './VirtualList';

const COLUMNS = ['Performed By', 'Date', 'Event', 'Section', 'Property', 'Before', 'After'];
const number = new Intl.NumberFormat('en');

/** Rows a Page Up/Down moves. */
const PAGE_ROWS = 10;

/**
 * The log table: the seed's columns over a virtual list of every loaded
 * row, the next API page asked for as the reader nears the end. Arrows or
 * j/k move, Enter opens the row's details.
 */
export function LogTable({ model, listRef }: { model: LogModel; listRef: RefObject<HTMLDivElement | null> }) {
  const items = model.rows.items.value;
  const active = model.activeIndex.value;
  const names = model.names.byId.value;
  const now = model.now.value;

  // Scrolled back up to the newest rows: the live tail's new events are seen. (Scroll events do not bubble: caught on the way down.)
  useEffect(() => {
    const wrapper = listRef.current;
    if (!wrapper) return;
    const onScroll = (event: Event) => {
      if ((event.target as HTMLElement).scrollTop < ROW_HEIGHT / 2) model.sawNewest();
    };
    wrapper.addEventListener('scroll', onScroll, true);
    return () => wrapper.removeEventListener('scroll', onScroll, true);
  }, [listRef.current]);

  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1, PageDown: PAGE_ROWS, PageUp: -PAGE_ROWS };
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key in moves) {
      event.preventDefault();
      model.move(moves[event.key] as number);
    } else if (event.key === 'Home') {
      event.preventDefault();
      model.move(-items.length);
    } else if (event.key === 'End') {
      event.preventDefault();
      model.move(items.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      model.openRow(Math.max(0, active));
    }
  };

  return (
    <div class="log-table" data-testid="log-table" ref={listRef}>
      <div class="log-row log-head" aria-hidden="true">
        {COLUMNS.map((column) => (
          <span key={column} class="cell">
            {column}
          </span>
        ))}
      </div>
      <VirtualList
        key={model.query.value}
        count={items.length}
        rowHeight={ROW_HEIGHT}
        role="grid"
        label={`Audit log, ${number.format(items.length)}${model.rows.hasMore.value ? '+' : ''} events. Arrow keys or j and k move, Enter opens the details.`}
        activeIndex={active >= 0 ? active : undefined}
        activeDescendant={active >= 0 ? rowId(active) : undefined}
        insertedAbove={model.rows.insertedAbove.value}
        onNearEnd={() => void model.rows.loadMore()}
        onKeyDown={onKeyDown}
        renderRow={(index) => {
          const event = items[index];
          return event ? <LogRow event={event} index={index} active={index === active} now={now} names={names} onOpen={model.openRow} /> : <div />;
        }}
      />
    </div>
  );
}
