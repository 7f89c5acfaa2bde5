import { sql, type SQL } from 'drizzle-orm';
import type { Category } from '../../../shared/enums';
import type { AuditFilters } from '../../../shared/schemas/audit';
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
 * filter. A category outside the caller's role is refused with 403 (the
 * routes record access_denied first, see access.ts); this check repeats it
 * so no caller of auditWhere can widen a role by forgetting.
 */
export function categoriesFor(principal: Principal, category: Category | undefined): readonly Category[] {
  const allowed = auditCategoriesOf(principal);
  if (category === undefined) return allowed;
  if (!allowed.includes(category)) throw ApiError.forbidden('Your role may not read this category of the log.');
  return [category];
}

/**
 * The WHERE clause over `audit_events` for a caller and its filters: the
 * org, the role's categories (or the one subject of a history), and every
 * filter including `q`. Written as plain SQL on column names so the list
 * query can be built once per request without drizzle's per-column cost,
 * and so each filter lands on one of the audit indexes (org, X, occurred_at, id).
 * Async so a filter may one day need a lookup; today every lookup is a subquery.
 */
export async function auditWhere(principal: Principal, filters: AuditFilters, options: AuditWhereOptions = {}): Promise<SQL> {
  const parts: SQL[] = [sql`audit_events.org_id = ${principal.orgId}`];
  const { subject, before } = options;

  if (subject?.type === 'conversation') parts.push(sql`audit_events.conversation_id = ${subject.id}`);
  if (subject?.type === 'customer') {
    parts.push(sql`audit_events.customer_id = ${subject.id}`, sql`audit_events.subject_type = 'customer'`);
  }

  if (subject) {
    if (filters.category) parts.push(sql`audit_events.category = ${filters.category}`);
  } else {
    const categories = categoriesFor(principal, filters.category);
    if (categories.length === 0) parts.push(sql`0`);
    else if (categories.length === 1) parts.push(sql`audit_events.category = ${categories[0]}`);
    else if (categories.length < 6) parts.push(sql`audit_events.category in (${sql.join(categories.map((c) => sql`${c}`), sql`, `)})`);
  }

  if (filters.actor) parts.push(sql`audit_events.actor_id = ${filters.actor}`);
  if (filters.actorKind === 'person') parts.push(sql`audit_events.actor_type = 'user'`);
  if (filters.actorKind === 'automation') parts.push(sql`audit_events.actor_type <> 'user'`);
  if (filters.conversation) parts.push(sql`audit_events.conversation_id = ${filters.conversation}`);
  if (filters.customer) parts.push(customerClause(principal.orgId, filters.customer));
  if (filters.section) parts.push(sql`audit_events.section = ${filters.section}`);
  if (filters.event) parts.push(sql`audit_events.event = ${filters.event}`);
  if (filters.property) parts.push(sql`audit_events.property = ${filters.property}`);

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

/**
 * The Customer filter takes an id or a customer's name: an id matches
 * that customer, anything else every customer of the org whose name contains
 * it (LIKE is case-insensitive for ASCII; % and _ typed by the user are literal).
 */
function customerClause(orgId: string, customer: string): SQL {
  if (ID_PATTERN.test(customer)) return sql`audit_events.customer_id = ${customer}`;
  const pattern = `%${customer.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  return sql`audit_events.customer_id in (select id from customers where org_id = ${orgId} and name like ${pattern} escape '\\')`;
}
