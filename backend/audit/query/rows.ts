import type { InValue, Row } from '@libsql/client';
import { sql, type SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client';
import { rawHandleOf, readArrays, readFirstColumn } from '../../db/raw-handle';
import type { auditEvents } from '../../db/schema';

/** One stored audit row, as drizzle would read it (what presentAuditEvent takes). */
export type AuditRow = typeof auditEvents.$inferSelect;

const dialect = new SQLiteAsyncDialect();

/** Every audit_events column, written out once, in the order auditRowOf reads them. */
const COLUMN_NAMES = [
  'id',
  'org_id',
  'occurred_at',
  'actor_type',
  'actor_id',
  'actor_name',
  'event',
  'category',
  'section',
  'subject_type',
  'subject_id',
  'subject_label',
  'customer_id',
  'conversation_id',
  'property',
  'before',
  'after',
  'change_id',
  'context',
  'request_id',
  'ip',
  'user_agent',
  'api_key_id',
] as const;

/**
 * The columns packed into one JSON array per row: for bulk reads (the
 * export, the stream), libsql hands one value per row to JavaScript far faster than 23
 * (measured 5.4 µs a row with JSON.parse, against 8 µs for 23 raw columns).
 * TEXT columns come back as JSON strings (before/after/context stay
 * the JSON text they are stored as), integers as numbers.
 */
const PACKED = sql.raw(`json_array(${COLUMN_NAMES.map((c) => `audit_events.${c}`).join(', ')})`);

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

/** An audit row as the JSON text of its column values (PACKED): how bulk reads carry rows until each is used. */
export type PackedAuditRow = string;

/**
 * How a bulk read shapes each row: one SQL value per row (libsql hands one
 * value to JavaScript far faster than many), and how to find the keyset
 * position of the batch's last row in it. The export's formats shape rows
 * for their own output (export/packings.ts); everything else reads FULL_ROW.
 */
export interface RowPacking {
  select: SQL;
  positionOf(packed: string): { occurredAt: number; id: string };
}

/** Every column (PACKED), unpacked with unpackAuditRow. */
export const FULL_ROW: RowPacking = {
  select: PACKED,
  positionOf(packed) {
    const row = unpackAuditRow(packed);
    return { occurredAt: row.occurredAt, id: row.id };
  },
};

/**
 * Audit rows matching `where`, in `order`, at most `limit`, packed (FULL_ROW
 * unless `packing` says otherwise); read on the bulk-read worker where there
 * is one (raw-handle.ts).
 */
export async function selectPackedAuditRows(
  db: Db,
  where: SQL,
  order: 'newest' | 'oldest_id',
  limit: number,
  options: SelectOptions & { packing?: RowPacking } = {},
): Promise<string[]> {
  const select = (options.packing ?? FULL_ROW).select;
  const orderBy =
    order === 'newest' ? sql`audit_events.occurred_at desc, audit_events.id desc` : sql`audit_events.id asc`;
  const query = options.keysFirst
    ? sql`select ${select} from audit_events where audit_events.rowid in (select audit_events.rowid from audit_events where ${where} order by ${orderBy} limit ${limit}) order by ${orderBy}`
    : sql`select ${select} from audit_events where ${where} order by ${orderBy} limit ${limit}`;
  const { sql: text, params } = dialect.sqlToQuery(query);
  return (await readFirstColumn(db, text, params as InValue[])) as string[];
}

/** A packed row as the row drizzle would read. */
export function unpackAuditRow(packed: PackedAuditRow): AuditRow {
  return auditRowOf(JSON.parse(packed) as unknown[]);
}

const str = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** An audit row from its column values in COLUMN_NAMES order. */
function auditRowOf(a: unknown[]): AuditRow {
  return {
    id: String(a[0]),
    orgId: String(a[1]),
    occurredAt: Number(a[2]),
    actorType: String(a[3]) as AuditRow['actorType'],
    actorId: str(a[4]),
    actorName: String(a[5]),
    event: String(a[6]) as AuditRow['event'],
    category: String(a[7]) as AuditRow['category'],
    section: String(a[8]) as AuditRow['section'],
    subjectType: String(a[9]) as AuditRow['subjectType'],
    subjectId: String(a[10]),
    subjectLabel: String(a[11]),
    customerId: str(a[12]),
    conversationId: str(a[13]),
    property: str(a[14]),
    before: str(a[15]),
    after: str(a[16]),
    changeId: String(a[17]),
    context: str(a[18]),
    requestId: str(a[19]),
    ip: str(a[20]),
    userAgent: str(a[21]),
    apiKeyId: str(a[22]),
  };
}
