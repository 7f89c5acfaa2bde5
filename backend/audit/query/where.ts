import { sql, type SQL } from 'drizzle-orm';
import { CATEGORIES, type Category } from '../../../shared/enums';
import { type AuditFilters, exclusionOf, type ListFilter } from '../../../shared/schemas/audit';
import { ID_PATTERN } from '../../../shared/schemas/common';
import { auditCategoriesOf } from '../../auth/permissions';
import type { Principal } from '../../auth/principal';
import { ApiError } from '../../errors';
import { ftsQueryOf } from './search';

/** A customer's or conversation's history: the rows about it, whatever their category. */
export type HistorySubject = { type: 'customer' | 'conversation'; id: string };

/** A keyset position: rows strictly before it in (occurred_at, id) order. */
export interface Position {
  occurredAt: number;
  id: string;
}

/** The log's order, newest first: the (occurred_at, id) order that positions count in and the audit indexes end with. */
export const NEWEST_FIRST = sql`audit_events.occurred_at desc, audit_events.id desc`;

export interface AuditWhereOptions {
  /**
   * Restrict to one subject's history. Histories are not narrowed to the
   * caller's categories (auditCategoriesOf): a conversation's history
   * includes its routing rows for everyone allowed to read it.
   */
  subject?: HistorySubject;
  /** Newest-first keyset: only rows older than this position. */
  before?: Position;
}

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** `from`/`to` as epoch ms: from inclusive, to exclusive; a bare `to` date covers that whole UTC day. */
export function timeRangeOf(filters: Pick<AuditFilters, 'from' | 'to'>): { from?: number; to?: number } {
  const range: { from?: number; to?: number } = {};
  if (filters.from) range.from = Date.parse(DAY_ONLY.test(filters.from) ? `${filters.from}T00:00:00Z` : filters.from);
  if (filters.to) range.to = DAY_ONLY.test(filters.to) ? Date.parse(`${filters.to}T00:00:00Z`) + DAY_MS : Date.parse(filters.to);
  if (range.from !== undefined && range.to !== undefined && range.from > range.to) {
    throw ApiError.badRequest('The date range is not valid.', [{ path: 'from', message: 'must not be after to' }]);
  }
  return range;
}

/**
 * The categories a query of `principal` may return, given its `category`
 * and `notCategory` filters. A category outside the caller's role in
 * `category` is refused with 403 (the routes record access_denied first,
 * see access.ts); this check repeats it so no caller of auditWhere can widen
 * a role by forgetting. `notCategory` only ever narrows, so any category
 * may be excluded.
 */
export function categoriesFor(
  principal: Principal,
  include: readonly Category[] | undefined,
  exclude: readonly Category[] | undefined = undefined,
): readonly Category[] {
  const allowed = auditCategoriesOf(principal);
  if (include?.some((category) => !allowed.includes(category))) {
    throw ApiError.forbidden('Your role may not read this category of the log.');
  }
  return allowed.filter((category) => (include ? include.includes(category) : true) && !exclude?.includes(category));
}

/**
 * The WHERE clause over `audit_events` for a caller and its filters: the
 * org, the role's categories (or the one subject of a history), and every
 * filter including `q`. The values of one filter are OR-ed, filters are
 * AND-ed, and an exclusion keeps the rows where its column is null.
 * Written as plain SQL on column names so the list query can be built once
 * per request without drizzle's per-column cost, and so each filter lands
 * on one of the audit indexes (org, X, occurred_at, id).
 * Async so a filter may one day need a lookup; today every lookup is a subquery.
 */
export async function auditWhere(principal: Principal, filters: AuditFilters, options: AuditWhereOptions = {}): Promise<SQL> {
  const { orgId } = principal;
  const parts: SQL[] = [sql`audit_events.org_id = ${orgId}`];
  const { subject, before } = options;

  if (subject?.type === 'conversation') parts.push(sql`audit_events.conversation_id = ${subject.id}`);
  if (subject?.type === 'customer') {
    parts.push(sql`audit_events.customer_id = ${subject.id}`, sql`audit_events.subject_type = 'customer'`);
  }

  if (subject) {
    if (filters.category) parts.push(inList('category', filters.category));
    if (filters.notCategory) parts.push(excluding(inList('category', filters.notCategory)));
  } else {
    const categories = categoriesFor(principal, filters.category, filters.notCategory);
    if (categories.length === 0) parts.push(sql`0`);
    else if (categories.length < CATEGORIES.length) parts.push(inList('category', categories));
  }

  const matchers: Record<Exclude<ListFilter, 'category'>, (values: readonly string[]) => SQL> = {
    actor: (values) => actorMatch(orgId, values),
    conversation: (values) => inList('conversation_id', values),
    customer: (values) => customerMatch(orgId, values),
    section: (values) => inList('section', values),
    event: (values) => inList('event', values),
    property: (values) => inList('property', values),
  };
  for (const [name, match] of Object.entries(matchers) as Array<[Exclude<ListFilter, 'category'>, (values: readonly string[]) => SQL]>) {
    const include = filters[name];
    const exclude = filters[exclusionOf(name)];
    if (include) parts.push(match(include));
    if (exclude) parts.push(excluding(match(exclude)));
  }
  if (filters.change !== undefined) parts.push(sql`audit_events.change_id = ${filters.change}`);
  if (filters.actorKind === 'person') parts.push(sql`audit_events.actor_type = 'user'`);
  if (filters.actorKind === 'automation') parts.push(sql`audit_events.actor_type <> 'user'`);

  const range = timeRangeOf(filters);
  if (range.from !== undefined) parts.push(sql`audit_events.occurred_at >= ${range.from}`);
  if (range.to !== undefined) parts.push(sql`audit_events.occurred_at < ${range.to}`);

  if (filters.q !== undefined) {
    parts.push(sql`audit_events.rowid in (select rowid from audit_search where audit_search match ${ftsQueryOf(filters.q)})`);
  }

  // Row values, not an OR of comparisons: SQLite keeps the index order only for this form.
  if (before) parts.push(sql`(audit_events.occurred_at, audit_events.id) < (${before.occurredAt}, ${before.id})`);

  return sql.join(parts, sql` and `);
}

/** `column` equal to one of `values`: `=` for one (the form each audit index serves best), `in` for several. */
function inList(column: string, values: readonly string[]): SQL {
  const col = sql.raw(`audit_events.${column}`);
  if (values.length === 1) return sql`${col} = ${values[0]}`;
  return sql`${col} in (${sql.join(unique(values).map((value) => sql`${value}`), sql`, `)})`;
}

/**
 * The rows `match` does not take. A match on a null column is null (unknown),
 * not false: coalescing it keeps the rows that have no such value, so
 * `notProperty=status` keeps sign-ins, which have no property.
 */
function excluding(match: SQL): SQL {
  return sql`not coalesce((${match}), 0)`;
}

/** The values once each, in their first order (a repeated filter value asks nothing more). */
export function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/**
 * The Performed By filter takes ids and names. An id matches that user's or
 * key's rows. A name matches, case-insensitively (NOCASE: ASCII letters) and
 * whole, the name recorded on the row (an automation's, a deleted user's, a
 * name since changed) or the current name of a user or API key of the org.
 * As one WHERE this is an OR over two indexes (or an IN over one), which no
 * index walks in the log's order: the list page splits it into one index walk
 * per id and per name instead (arms.ts), and the activity counts read a name
 * through its index arms; the other helpers, the export and the stream use it as is.
 */
function actorMatch(orgId: string, values: readonly string[]): SQL {
  const ids = unique(values.filter((value) => ID_PATTERN.test(value)));
  const names = unique(values.filter((value) => !ID_PATTERN.test(value)));
  const terms: SQL[] = [];
  if (ids.length > 0) terms.push(inList('actor_id', ids));
  for (const name of names) {
    terms.push(
      sql`audit_events.actor_name = ${name} collate nocase`,
      sql`audit_events.actor_id in (select id from users where org_id = ${orgId} and name = ${name} collate nocase
          union all select id from api_keys where org_id = ${orgId} and name = ${name} collate nocase)`,
    );
  }
  return terms.length === 1 ? terms[0]! : sql`(${sql.join(terms, sql` or `)})`;
}

/**
 * The Customer filter takes ids and names: an id matches that customer,
 * anything else every customer of the org whose name contains it (LIKE is
 * case-insensitive for ASCII; % and _ typed by the user are literal).
 */
function customerMatch(orgId: string, values: readonly string[]): SQL {
  const ids = unique(values.filter((value) => ID_PATTERN.test(value)));
  const names = unique(values.filter((value) => !ID_PATTERN.test(value)));
  const terms: SQL[] = [];
  if (ids.length > 0) terms.push(inList('customer_id', ids));
  if (names.length > 0) {
    const likes = names.map((name) => sql`name like ${`%${name.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`} escape '\\'`);
    terms.push(sql`audit_events.customer_id in (select id from customers where org_id = ${orgId} and (${sql.join(likes, sql` or `)}))`);
  }
  return terms.length === 1 ? terms[0]! : sql`(${sql.join(terms, sql` or `)})`;
}
