import { signal } from '@preact/signals';
import type { AuditEvent } from '../../../shared/audit-event';
import type { ResultError } from '../messaging/protocol';
import type { LogDeps } from './log-deps';

export type RowsStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * The log's rows for one filter, page after page along the API's cursor,
 * newest first. A new filter starts over; answers for an older filter are
 * dropped. New rows from the live tail go on top (`prepend`), each counted
 * in `insertedAbove` so the list keeps the reader's rows in place.
 */
export function createRows(deps: Pick<LogDeps, 'send'>, onRows: (events: readonly AuditEvent[]) => void) {
  const items = signal<AuditEvent[]>([]);
  const status = signal<RowsStatus>('idle');
  const error = signal<ResultError | null>(null);
  /** More rows wait behind the cursor. */
  const hasMore = signal(false);
  /** Rows the live tail put above the first row since the filter was applied. */
  const insertedAbove = signal(0);
  let query = '';
  let cursor: string | null = null;
  let generation = 0;
  let loading = false;
  const ids = new Set<string>();

  async function fetchPage(first: boolean): Promise<void> {
    const mine = generation;
    loading = true;
    status.value = 'loading';
    const result = await deps.send('getLogPage', { query, cursor: first ? null : cursor }).catch(
      (): { ok: false; error: ResultError } => ({ ok: false, error: { code: 'offline', message: 'The Auditdesk extension did not answer. Reload the page.' } }),
    );
    if (mine !== generation) return;
    loading = false;
    if (!result.ok) {
      error.value = result.error;
      status.value = 'error';
      return;
    }
    const fresh = result.value.items.filter((event) => !ids.has(event.id));
    fresh.forEach((event) => ids.add(event.id));
    cursor = result.value.nextCursor;
    hasMore.value = cursor !== null;
    items.value = first ? fresh : items.peek().concat(fresh);
    error.value = null;
    status.value = 'ready';
    onRows(fresh);
  }

  /** Shows the first page for `nextQuery` (the filter as the API's query string). */
  function load(nextQuery: string): Promise<void> {
    generation += 1;
    query = nextQuery;
    cursor = null;
    ids.clear();
    items.value = [];
    hasMore.value = false;
    insertedAbove.value = 0;
    return fetchPage(true);
  }

  /** The next page, when there is one and none is on its way. */
  function loadMore(): Promise<void> {
    if (loading || !hasMore.peek()) return Promise.resolve();
    return fetchPage(false);
  }

  /** Tries the failed request again. */
  function retry(): Promise<void> {
    return items.peek().length === 0 ? load(query) : fetchPage(false);
  }

  /** Puts live rows on top, newest first; rows already shown are skipped. Returns how many were added. */
  function prepend(events: readonly AuditEvent[]): number {
    const fresh = events.filter((event) => !ids.has(event.id));
    if (fresh.length === 0) return 0;
    fresh.forEach((event) => ids.add(event.id));
    const newestFirst = [...fresh].sort((a, b) => (a.id < b.id ? 1 : -1));
    items.value = newestFirst.concat(items.peek());
    insertedAbove.value += fresh.length;
    onRows(fresh);
    return fresh.length;
  }

  return { items, status, error, hasMore, insertedAbove, load, loadMore, retry, prepend };
}

export type Rows = ReturnType<typeof createRows>;
