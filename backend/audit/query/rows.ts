import type { InValue, Row } from '@libsql/client';
import { sql, type SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client';
import { rawHandleOf } from '../../db/raw-handle';
import type { auditEvents } from '../../db/schema';

/** One stored audit row, as drizzle would read it (what presentAuditEvent takes). */
export type AuditRow = typeof auditEvents.$inferSelect;

const dialect = new SQLiteAsyncDialect();

/** Every audit_events column, written out once, in the order auditRowOf and auditRowOfPacked read them. */
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

/** The columns as a select list: a drizzle select costs ~12 µs per column per request. */
const COLUMNS = sql.raw(COLUMN_NAMES.map((c) => `audit_events.${c}`).join(', '));

/**
 * The same columns packed into one JSON array per row. The libSQL client
 * spends two Object.defineProperty calls per column per row building its Row
 * objects; one column per row makes bulk reads (the export) several times
 * faster. TEXT columns come back as JSON strings (before/after/context stay
 * the JSON text they are stored as), integers as numbers.
 */
const PACKED = sql.raw(`json_array(${COLUMN_NAMES.map((c) => `audit_events.${c}`).join(', ')}) as r`);

/** Runs a drizzle SQL fragment on the raw libSQL handle behind `db`. */
export async function runSql(db: Db, query: SQL): Promise<Row[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const result = await rawHandleOf(db).execute({ sql: text, args: params as InValue[] });
  return result.rows;
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
  /** Read each row as one packed column (see PACKED): for bulk reads. */
  packed?: boolean;
}

/** Audit rows matching `where`, in `order` (a trusted SQL fragment), at most `limit`. */
export async function selectAuditRows(
  db: Db,
  where: SQL,
  order: 'newest' | 'oldest_id',
  limit: number,
  options: SelectOptions = {},
): Promise<AuditRow[]> {
  const orderBy =
    order === 'newest' ? sql`audit_events.occurred_at desc, audit_events.id desc` : sql`audit_events.id asc`;
  const select = options.packed ? PACKED : COLUMNS;
  const query = options.keysFirst
    ? sql`select ${select} from audit_events where audit_events.rowid in (select audit_events.rowid from audit_events where ${where} order by ${orderBy} limit ${limit}) order by ${orderBy}`
    : sql`select ${select} from audit_events where ${where} order by ${orderBy} limit ${limit}`;
  const rows = await runSql(db, query);
  return options.packed ? rows.map((r) => auditRowOfPacked(r.r)) : rows.map(auditRowOf);
}

const str = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

function auditRowOf(r: Row): AuditRow {
  return {
    id: String(r.id),
    orgId: String(r.org_id),
    occurredAt: Number(r.occurred_at),
    actorType: String(r.actor_type) as AuditRow['actorType'],
    actorId: str(r.actor_id),
    actorName: String(r.actor_name),
    event: String(r.event) as AuditRow['event'],
    category: String(r.category) as AuditRow['category'],
    section: String(r.section) as AuditRow['section'],
    subjectType: String(r.subject_type) as AuditRow['subjectType'],
    subjectId: String(r.subject_id),
    subjectLabel: String(r.subject_label),
    customerId: str(r.customer_id),
    conversationId: str(r.conversation_id),
    property: str(r.property),
    before: str(r.before),
    after: str(r.after),
    changeId: String(r.change_id),
    context: str(r.context),
    requestId: str(r.request_id),
    ip: str(r.ip),
    userAgent: str(r.user_agent),
    apiKeyId: str(r.api_key_id),
  };
}

/** A row read as PACKED: the same fields as auditRowOf, by position in COLUMN_NAMES. */
function auditRowOfPacked(packed: unknown): AuditRow {
  const a = JSON.parse(String(packed)) as unknown[];
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
