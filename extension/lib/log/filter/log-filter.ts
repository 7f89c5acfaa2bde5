/**
 * The audit page's filter: what the log shows, in one value that the form,
 * the search box, the URL, the chart and the API all read and write.
 */

/** The filters that take several values (OR-ed) and exclusions. */
export const LIST_FIELDS = ['category', 'actor', 'conversation', 'customer', 'section', 'event', 'property'] as const;
export type ListField = (typeof LIST_FIELDS)[number];

export interface LogFilter {
  /** OR within a field, AND across fields. */
  include: Partial<Record<ListField, string[]>>;
  /** A row whose value is one of these is left out; a row without a value is kept. */
  exclude: Partial<Record<ListField, string[]>>;
  actorKind?: 'person' | 'automation';
  /** ISO day (YYYY-MM-DD) or instant; inclusive. */
  from?: string;
  /** ISO day (through that whole UTC day) or instant (exclusive). */
  to?: string;
  /** Free text. */
  q?: string;
}

/** At most this many values per filter and per exclusion (the API's limit). */
export const MAX_VALUES = 20;

export const EMPTY_FILTER: LogFilter = Object.freeze({ include: Object.freeze({}), exclude: Object.freeze({}) }) as LogFilter;

/** True when the filter lets every row through. */
export function isEmptyFilter(f: LogFilter): boolean {
  return sameFilter(f, EMPTY_FILTER);
}

/**
 * The filter in its one canonical shape: values deduplicated (first
 * occurrence kept), empty lists and blank text dropped, fields in a fixed
 * order. Filters that select the same rows by the same words compare equal.
 */
export function normalizeFilter(f: LogFilter): LogFilter {
  const out: LogFilter = { include: normalizeLists(f.include), exclude: normalizeLists(f.exclude) };
  if (f.actorKind) out.actorKind = f.actorKind;
  if (f.from) out.from = f.from;
  if (f.to) out.to = f.to;
  if (f.q !== undefined && f.q.trim() !== '') out.q = f.q;
  return out;
}

function normalizeLists(lists: LogFilter['include']): LogFilter['include'] {
  const out: LogFilter['include'] = {};
  for (const field of LIST_FIELDS) {
    const values = [...new Set(lists[field] ?? [])];
    if (values.length > 0) out[field] = values;
  }
  return out;
}

/** Same rows, same words: values compare as sets (OR does not care about order). */
export function sameFilter(a: LogFilter, b: LogFilter): boolean {
  const x = normalizeFilter(a);
  const y = normalizeFilter(b);
  if (x.actorKind !== y.actorKind || x.from !== y.from || x.to !== y.to || x.q !== y.q) return false;
  return LIST_FIELDS.every((field) => sameSet(x.include[field], y.include[field]) && sameSet(x.exclude[field], y.exclude[field]));
}

function sameSet(a: string[] | undefined, b: string[] | undefined): boolean {
  const left = new Set(a ?? []);
  const right = new Set(b ?? []);
  return left.size === right.size && [...left].every((value) => right.has(value));
}

/** The filter with `value` added to a field's inclusion (or exclusion), and taken out of the other: a value is never both. */
export function withValue(f: LogFilter, side: 'include' | 'exclude', field: ListField, value: string): LogFilter {
  const other = side === 'include' ? 'exclude' : 'include';
  const next: LogFilter = { ...f, include: { ...f.include }, exclude: { ...f.exclude } };
  next[side][field] = [...(f[side][field] ?? []).filter((v) => v !== value), value];
  next[other][field] = (f[other][field] ?? []).filter((v) => v !== value);
  return normalizeFilter(next);
}
