import { sql } from 'drizzle-orm';
import type { AuditFilters } from '../../../shared/schemas/audit';
import type { Principal } from '../../auth/principal';
import type { Db } from '../../db/client';
import { type AuditRow, selectAuditRows } from './rows';
import { auditWhere, type Position } from './where';

export type { AuditRow } from './rows';

export interface ScanOptions {
  /**
   * Stream mode: rows with an id greater than this one, oldest id first
   * (ULIDs sort by creation, so this resumes after a Last-Event-ID).
   */
  afterId?: string;
  /** Rows per batch (each batch is one indexed keyset query). */
  batchSize: number;
}

/**
 * Every row matching the caller's filters and role, in batches, each batch a
 * fresh keyset query so memory stays constant however many rows match.
 * Without `afterId`: newest first on (occurred_at, id) — the export. With
 * `afterId`: oldest first by id, ending when no newer row exists — the
 * stream's catch-up after a given event.
 */
export async function* scanAudit(db: Db, principal: Principal, filters: AuditFilters, options: ScanOptions): AsyncGenerator<AuditRow[]> {
  const size = Math.max(1, Math.floor(options.batchSize));
  // Bulk reads: one packed column per row, and a search sorts only its matches' keys (rows.ts).
  const select = { packed: true, keysFirst: filters.q !== undefined };
  if (options.afterId !== undefined) {
    let lastId = options.afterId;
    const base = await auditWhere(principal, filters);
    for (;;) {
      const rows = await selectAuditRows(db, sql`${base} and audit_events.id > ${lastId}`, 'oldest_id', size, select);
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < size) return;
      lastId = rows.at(-1)!.id;
    }
  }
  let before: Position | undefined;
  for (;;) {
    const where = await auditWhere(principal, filters, before ? { before } : {});
    const rows = await selectAuditRows(db, where, 'newest', size, select);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < size) return;
    const last = rows.at(-1)!;
    before = { occurredAt: last.occurredAt, id: last.id };
  }
}
