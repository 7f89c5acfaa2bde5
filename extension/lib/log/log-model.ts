import { batch, computed, createModel, effect, signal } from '@preact/signals';
import type { AuditEvent } from '../../../shared/audit-event';
import { auditCategoriesFor } from '../../../shared/permissions';
import type { SessionState } from '../messaging/protocol';
import { createNames } from '../panel/names';
import { EMPTY_FILTER, normalizeFilter, sameFilter, withValue, type ListField, type LogFilter } from './filter/log-filter';
import { filterOfParams, paramsOf } from './filter/params';
import { createFilterEditor } from './filter-editor';
import { createChart } from './log-chart';
import type { LogDeps } from './log-deps';
import { createDrawer } from './log-drawer';
import { createRows } from './log-rows';
import { createSuggestions } from './log-suggestions';
import { createTail } from './log-tail';
import { roleNote } from './role-note';

/** Relative dates ("5 minutes ago") are refreshed this often. */
const CLOCK_MS = 30_000;

/**
 * The audit page's Audit log section: the filter (kept in the page's URL),
 * the rows along the API cursor, the chart, the live tail, the active row
 * and the detail drawer. Components read its signals and call its actions.
 */
export const LogModel = createModel((deps: LogDeps) => {
  const session = signal<SessionState | null>(null);
  const filter = signal<LogFilter>(EMPTY_FILTER);
  /** What the URL said that could not be used. */
  const problems = signal<string[]>([]);
  const activeIndex = signal(-1);
  const now = signal(deps.now());
  const names = createNames(deps);
  const rows = createRows(deps, (events) => void names.learn(events));
  const chart = createChart(deps);
  const drawer = createDrawer(deps);
  const suggestions = createSuggestions(deps);
  const editor = createFilterEditor((next) => setFilter(next));
  const tail = createTail(deps, (event) => {
    const added = rows.prepend([event]);
    if (added > 0 && activeIndex.peek() >= 0) activeIndex.value += added;
    return added;
  });

  const role = computed(() => (session.value?.status === 'signed_in' ? session.value.user.role : null));
  const readable = computed(() => (role.value ? auditCategoriesFor(role.value) : []));
  const note = computed(() => (role.value ? roleNote(role.value) : null));
  const query = computed(() => paramsOf(filter.value).toString());

  /** Shows the rows, chart and tail of the filter in force. */
  function refresh(): void {
    const current = filter.peek();
    activeIndex.value = -1;
    tail.unseen.value = 0;
    drawer.close();
    void rows.load(query.peek()).then(() => {
      if (tail.on.peek() && sameFilter(filter.peek(), current)) followTail();
    });
    void chart.load(current);
  }

  /** Makes `next` the filter: a new entry in the page's history, and its rows. */
  function setFilter(next: LogFilter): void {
    const normalized = normalizeFilter(next);
    editor.show(normalized);
    if (sameFilter(normalized, filter.peek())) return;
    batch(() => {
      filter.value = normalized;
      problems.value = [];
    });
    deps.url.push(query.peek());
    refresh();
  }

  /** The filter the URL holds (on open, back and forward); nothing is pushed. */
  function readUrl(force = false): void {
    const parsed = filterOfParams(new URLSearchParams(deps.url.search()));
    problems.value = parsed.problems;
    editor.show(parsed.filter);
    if (!force && sameFilter(parsed.filter, filter.peek()) && rows.status.peek() !== 'idle') return;
    filter.value = parsed.filter;
    refresh();
  }

  /**
   * Asks who is signed in, then shows the URL's filter; `opening` may name
   * another filter to open on (the person's default view when the URL has
   * none), which the URL then holds. Called again when the session changes
   * (signed in, out, or as someone else): the rows are asked for anew.
   */
  async function start(opening?: (search: string) => Promise<string | null>): Promise<void> {
    session.value = await deps.send('getSession', undefined).catch((): SessionState => ({ status: 'signed_out' }));
    names.clear();
    if (session.peek()?.status !== 'signed_in') {
      tail.end();
      return;
    }
    const instead = await opening?.(deps.url.search().replace(/^\?/, '')).catch(() => null);
    if (instead) deps.url.replace(paramsOf(filterOfParams(new URLSearchParams(instead)).filter).toString());
    readUrl(true);
    void suggestions.loadActors();
  }

  function followTail(): void {
    tail.follow(query.peek(), () => rows.items.peek()[0]?.id ?? null);
  }

  function setTail(on: boolean): void {
    tail.on.value = on;
    tail.unseen.value = 0;
    if (on) followTail();
    else tail.end();
  }

  /** "N new events": back to the newest row. */
  function showNewest(): void {
    tail.unseen.value = 0;
    activeIndex.value = rows.items.peek().length > 0 ? 0 : -1;
  }

  /** The reader is at the top of the list again: nothing above them is new to them. */
  function sawNewest(): void {
    if (tail.unseen.peek() !== 0) tail.unseen.value = 0;
  }

  function move(by: number): void {
    const count = rows.items.peek().length;
    if (count === 0) return;
    const next = Math.min(count - 1, Math.max(0, activeIndex.peek() + by));
    activeIndex.value = next;
    if (next === 0) tail.unseen.value = 0;
  }

  function openRow(index: number): void {
    const event = rows.items.peek()[index];
    if (!event) return;
    activeIndex.value = index;
    void drawer.open(event);
  }

  /** One click in the drawer: rows with this value only too (include), or without it (exclude). */
  function narrow(side: 'include' | 'exclude', field: ListField, value: string): void {
    setFilter(withValue(filter.peek(), side, field, value));
  }

  /** Only this subject's rows: its customer or conversation, nothing else of the filter. */
  function onlySubject(event: AuditEvent): void {
    if (event.conversationId) setFilter({ include: { conversation: [event.conversationId] }, exclude: {} });
    else if (event.customerId) setFilter({ include: { customer: [event.customerId] }, exclude: {} });
  }

  /** Dragged across the chart: the filter's dates. */
  function setRange(from: string, to: string): void {
    setFilter({ ...filter.peek(), from, to });
  }

  const stopUrl = deps.url.onChange(() => readUrl());
  effect(() => {
    const timer = setInterval(() => (now.value = deps.now()), CLOCK_MS);
    return () => clearInterval(timer);
  });

  return {
    session,
    role,
    readable,
    note,
    filter,
    query,
    problems,
    rows,
    chart,
    drawer,
    editor,
    suggestions,
    tail,
    names,
    activeIndex,
    now,
    start,
    setFilter,
    setTail,
    showNewest,
    sawNewest,
    move,
    openRow,
    narrow,
    onlySubject,
    setRange,
    [Symbol.dispose]() {
      stopUrl();
      tail.end();
    },
  };
});

export type LogModel = InstanceType<typeof LogModel>;
