import { effect, signal, untracked, type ReadonlySignal } from '@preact/signals';
import type { AuditEvent } from '../../../shared/audit-event';
import type { HistoryFilters, Subject } from '../messaging/protocol';
import type { PanelDeps } from './deps';
import { belongsTo, matchesFilters, mergeEvents } from './events';
import { classifyFailure, thrownError, type Failure } from './failure';

/** What the timeline area shows. */
export type HistoryStatus = 'idle' | 'loading' | 'ready' | Failure;

/**
 * One subject's history: the first page, older pages on demand (the API's
 * cursor), live arrivals merged in. Reloads from the first page whenever the
 * subject or the filters change, while `active` (the panel is open).
 */
export function createHistory(deps: PanelDeps, subject: ReadonlySignal<Subject | null>, active: ReadonlySignal<boolean>) {
  const filters = signal<HistoryFilters>({});
  const items = signal<AuditEvent[]>([]);
  const nextCursor = signal<string | null>(null);
  const status = signal<HistoryStatus>('idle');
  const error = signal<string | null>(null);
  const loadingMore = signal(false);
  const moreError = signal<string | null>(null);
  /** Rows that arrived live or from a restore, highlighted until the next reload. */
  const newIds = signal<ReadonlySet<string>>(new Set());
  /** Every property seen for this subject, for the property filter. */
  const properties = signal<string[]>([]);
  // Bumped on every reload so answers to an older request are dropped.
  let generation = 0;
  // Live events that came while the first page was loading.
  let early: AuditEvent[] = [];

  const noteProperties = (events: readonly AuditEvent[]) => {
    const known = new Set(properties.value);
    for (const event of events) if (event.property) known.add(event.property);
    if (known.size !== properties.value.length) properties.value = [...known].sort();
  };

  const fail = (failure: Failure, message: string) => {
    status.value = failure;
    error.value = message;
  };

  async function reload(): Promise<void> {
    const current = subject.value;
    if (!current) return;
    const mine = ++generation;
    const wanted = filters.value;
    status.value = 'loading';
    error.value = null;
    moreError.value = null;
    items.value = [];
    nextCursor.value = null;
    newIds.value = new Set();
    early = [];
    try {
      const result = await deps.send('getHistory', { subject: current, filters: wanted, cursor: null });
      if (mine !== generation) return;
      if (!result.ok) return fail(classifyFailure(result.error), result.error.message);
      items.value = mergeEvents(result.value.items, early).items;
      nextCursor.value = result.value.nextCursor;
      noteProperties(items.value);
      status.value = 'ready';
    } catch (cause) {
      if (mine === generation) fail('error', thrownError(cause).message);
    }
  }

  async function loadMore(): Promise<void> {
    const current = subject.value;
    const cursor = nextCursor.value;
    if (!current || !cursor || loadingMore.value || status.value !== 'ready') return;
    const mine = generation;
    loadingMore.value = true;
    moreError.value = null;
    try {
      const result = await deps.send('getHistory', { subject: current, filters: filters.value, cursor });
      if (mine !== generation) return;
      if (!result.ok) {
        moreError.value = result.error.message;
        return;
      }
      items.value = mergeEvents(items.value, result.value.items).items;
      nextCursor.value = result.value.nextCursor;
      noteProperties(result.value.items);
    } catch (cause) {
      if (mine === generation) moreError.value = thrownError(cause).message;
    } finally {
      if (mine === generation) loadingMore.value = false;
    }
  }

  /**
   * Takes in events from the live stream or a restore: those of this subject
   * that pass the filters and are not shown yet.
   * @returns the events added (highlighted as new).
   */
  function receive(events: readonly AuditEvent[]): AuditEvent[] {
    const current = subject.value;
    if (!current) return [];
    const wanted = events.filter((event) => belongsTo(event, current) && matchesFilters(event, filters.value));
    if (status.value === 'loading') {
      early = mergeEvents(early, wanted).items;
      return [];
    }
    if (status.value !== 'ready') return [];
    const { items: merged, added } = mergeEvents(items.value, wanted);
    if (added.length === 0) return [];
    items.value = merged;
    newIds.value = new Set([...newIds.value, ...added.map((event) => event.id)]);
    noteProperties(added);
    return added;
  }

  /**
   * The session ended (the live port said so): nothing of the history stays
   * on screen, and answers still on their way are dropped.
   */
  function signOut(): void {
    generation += 1;
    items.value = [];
    nextCursor.value = null;
    newIds.value = new Set();
    early = [];
    loadingMore.value = false;
    moreError.value = null;
    fail('signed_out', 'Signed out of Auditdesk.');
  }

  /** A new subject starts with no remembered properties and no filters (call with the subject change, in one batch). */
  function forgetSubject(): void {
    properties.value = [];
    if (Object.keys(filters.value).length > 0) filters.value = {};
  }

  function setFilter<K extends keyof HistoryFilters>(name: K, value: HistoryFilters[K] | undefined): void {
    const next = { ...filters.value };
    if (value === undefined) delete next[name];
    else next[name] = value;
    filters.value = next;
  }

  // Reload from the first page (cursor reset) when the subject or the filters change.
  effect(() => {
    if (!active.value || !subject.value) return;
    filters.value;
    untracked(() => void reload());
  });

  return { filters, items, nextCursor, status, error, loadingMore, moreError, newIds, properties, reload, loadMore, receive, setFilter, forgetSubject, signOut };
}

export type History = ReturnType<typeof createHistory>;
