import { sql } from 'drizzle-orm';
import type { AuditFilters } from '../../../shared/schemas/audit';
import type { Principal } from '../../auth/principal';
import type { Reader } from '../../db/sql';
import { type RowPacking, selectPackedAuditRows } from './rows';
import { auditWhere, type Position } from './where';

export type { RowPacking } from './rows';

export interface ScanOptions {
  /**
   * Stream mode: rows with an id greater than this one, oldest id first
   * (ULIDs sort by creation, so this resumes after a Last-Event-ID).
   */
  afterId?: string;
  /** Rows per batch (each batch is one indexed keyset query). */
  batchSize: number;
  /** How SQLite shapes each row for its reader (CSV cells, event JSON). */
  packing: RowPacking;
  /** Newest-first mode only: rows no later in their workspace's chain than this sequence number (the verifiable export's checkpoint). */
  upToSeq?: number;
}

/**
 * Every row matching the caller's filters and role, in batches of packed
 * rows (one value each, shaped by `options.packing`), each batch a fresh
 * keyset query so memory stays constant however many rows match (the batch
 * given out and, newest first, the one read ahead of it). Without
 * `afterId`: newest first on (occurred_at, id) — the export. With `afterId`:
 * oldest first by id, ending when no newer row exists — the stream's
 * catch-up after a given event. Callers turn each row into output before
 * the next: a thousand rows unpacked together are young objects still alive
 * at the next scavenge, and V8 then allocates them straight into the old
 * generation, which grew the export's memory by ~80 MB in some runs.
 */
export async function* scanPackedAudit(
  db: Reader,
  principal: Principal,
  filters: AuditFilters,
  options: ScanOptions,
): AsyncGenerator<string[]> {
  const size = Math.max(1, Math.floor(options.batchSize));
  const { packing } = options;
  // A search sorts only its matches' keys (rows.ts).
  const select = { keysFirst: filters.q !== undefined, packing };
  if (options.afterId !== undefined) {
    let lastId = options.afterId;
    const base = await auditWhere(principal, filters);
    for (;;) {
      const rows = await selectPackedAuditRows(db, sql`${base} and audit_events.id > ${lastId}`, 'oldest_id', size, select);
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < size) return;
      lastId = packing.positionOf(rows.at(-1)!).id;
    }
  }
  const upTo = options.upToSeq === undefined ? undefined : sql` and audit_events.seq <= ${options.upToSeq}`;
  const read = async (before?: Position) => {
    const where = await auditWhere(principal, filters, before ? { before } : {});
    return selectPackedAuditRows(db, upTo ? sql`${where}${upTo}` : where, 'newest', size, select);
  };
  // One batch read ahead: on a file database the read worker builds the next
  // batch while the caller formats this one (the export's two halves overlap).
  let next = read();
  for (;;) {
    const rows = await next;
    if (rows.length === 0) return;
    const full = rows.length === size;
    if (full) {
      next = read(packing.positionOf(rows.at(-1)!));
      // Handled here too: a caller that stops early never awaits it.
      next.catch(() => undefined);
    }
    yield rows;
    if (!full) return;
  }
}
