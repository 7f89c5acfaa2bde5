import type { AuditPage } from '../../../shared/audit-event';
import type { AuditFilters } from '../../../shared/schemas/audit';
import type { Principal } from '../../auth/principal';
import type { Db } from '../../db/client';
import { presentAuditEvent } from '../present';
import { filtersHashOf, holderOf, openCursor, signCursor } from './cursor';
import { selectAuditRows } from './rows';
import { auditWhere, type HistorySubject } from './where';

export interface PageOptions {
  /** The HMAC key cursors are signed with (AppDeps.cursorKey). */
  cursorKey: Buffer;
  /** A subject's history instead of the workspace log. */
  subject?: HistorySubject;
}

/**
 * One page of the log, newest first: `limit` rows (default 50) after the
 * position of `cursor`. A keyset page on (occurred_at, id), so page 1,000
 * costs what page 1 does. The next cursor is signed for this caller and
 * these filters.
 */
export async function auditPage(db: Db, principal: Principal, filters: AuditFilters, options: PageOptions): Promise<AuditPage> {
  const limit = filters.limit ?? 50;
  const scope = options.subject ? `${options.subject.type}:${options.subject.id}` : 'workspace';
  const hash = filtersHashOf(filters, scope);
  const holder = holderOf(principal);
  const before = filters.cursor ? openCursor(options.cursorKey, filters.cursor, hash, holder) : undefined;
  const where = await auditWhere(principal, filters, {
    ...(options.subject ? { subject: options.subject } : {}),
    ...(before ? { before } : {}),
  });
  // A search sorts every match: sort only their keys, then read the page's rows (rows.ts).
  const rows = await selectAuditRows(db, where, 'newest', limit + 1, { keysFirst: filters.q !== undefined });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > limit && last ? signCursor(options.cursorKey, { occurredAt: last.occurredAt, id: last.id }, hash, holder) : null;
  return { items: items.map(presentAuditEvent), nextCursor };
}
