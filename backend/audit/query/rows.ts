import { sql, type SQL } from 'drizzle-orm';
import { type Reader, runSqlFirstColumn } from '../../db/sql';
import { NEWEST_FIRST } from './where';

export interface SelectOptions {
  /**
   * Sort only the keys of the matches, then read the page's full rows by
   * rowid. For a full-text search (`q`), which is driven from the FTS index
   * and must sort every match: sorting (occurred_at, id, rowid) instead of
   * whole rows is about twice as fast. Indexed filters walk an index in
   * order and do not need it.
   */
  keysFirst?: boolean;
}

/**
 * How a bulk read shapes each row: one SQL value per row (libsql hands one
 * value to JavaScript far faster than 23 columns), and how to find the
 * keyset position of the batch's last row in it. csvPackingFor (export) and
 * EVENT_JSON_PACKING (JSONL export, live stream) are the two shapes.
 */
export interface RowPacking {
  select: SQL;
  positionOf(packed: string): { occurredAt: number; id: string };
}

/**
 * Audit rows matching `where`, in `order`, at most `limit`, each shaped by
 * `options.packing`; read on the bulk-read worker where there is one
 * (runSqlFirstColumn).
 */
export async function selectPackedAuditRows(
  db: Reader,
  where: SQL,
  order: 'newest' | 'oldest_id',
  limit: number,
  options: SelectOptions & { packing: RowPacking },
): Promise<string[]> {
  const { select } = options.packing;
  const orderBy = order === 'newest' ? NEWEST_FIRST : sql`audit_events.id asc`;
  const query = options.keysFirst
    ? sql`select ${select} from audit_events where audit_events.rowid in (select audit_events.rowid from audit_events where ${where} order by ${orderBy} limit ${limit}) order by ${orderBy}`
    : sql`select ${select} from audit_events where ${where} order by ${orderBy} limit ${limit}`;
  return (await runSqlFirstColumn(db, query)) as string[];
}
