import type { InValue, Row } from '@libsql/client';
import { sql, type SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client';
import { rawHandleOf, readArrays, readFirstColumn } from '../../db/raw-handle';
import { NEWEST_FIRST } from './where';

const dialect = new SQLiteAsyncDialect();

/** Runs a drizzle SQL fragment on the raw libSQL handle behind `db`. */
export async function runSql(db: Db, query: SQL): Promise<Row[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const result = await rawHandleOf(db).execute({ sql: text, args: params as InValue[] });
  return result.rows;
}

/** Runs a drizzle SQL fragment and returns its rows as arrays of column values (readArrays). */
export async function runSqlArrays(db: Db, query: SQL): Promise<unknown[][]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return readArrays(db, text, params as InValue[]);
}

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
 * (raw-handle.ts).
 */
export async function selectPackedAuditRows(
  db: Db,
  where: SQL,
  order: 'newest' | 'oldest_id',
  limit: number,
  options: SelectOptions & { packing: RowPacking },
): Promise<string[]> {
  const { select } = options.packing;
  const orderBy =
    order === 'newest' ? NEWEST_FIRST : sql`audit_events.id asc`;
  const query = options.keysFirst
    ? sql`select ${select} from audit_events where audit_events.rowid in (select audit_events.rowid from audit_events where ${where} order by ${orderBy} limit ${limit}) order by ${orderBy}`
    : sql`select ${select} from audit_events where ${where} order by ${orderBy} limit ${limit}`;
  const { sql: text, params } = dialect.sqlToQuery(query);
  return (await readFirstColumn(db, text, params as InValue[])) as string[];
}
