import type { InValue, Row } from '@libsql/client';
import { sql, type SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client';
import { rawHandleOf } from '../../db/raw-handle';
import type { auditEvents } from '../../db/schema';

/** One stored audit row, as drizzle would read it (what presentAuditEvent takes). */
export type AuditRow = typeof auditEvents.$inferSelect;

const dialect = new SQLiteAsyncDialect();

/** Every audit_events column, written out once: a drizzle select costs ~12 µs per column per request. */
const COLUMNS = sql.raw(
  [
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
  ]
    .map((c) => `audit_events.${c}`)
    .join(', '),
);

/** Runs a drizzle SQL fragment on the raw libSQL handle behind `db`. */
export async function runSql(db: Db, query: SQL): Promise<Row[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const result = await rawHandleOf(db).execute({ sql: text, args: params as InValue[] });
  return result.rows;
}

/** Audit rows matching `where`, in `order` (a trusted SQL fragment), at most `limit`. */
export async function selectAuditRows(db: Db, where: SQL, order: 'newest' | 'oldest_id', limit: number): Promise<AuditRow[]> {
  const orderBy =
    order === 'newest' ? sql`audit_events.occurred_at desc, audit_events.id desc` : sql`audit_events.id asc`;
  const rows = await runSql(db, sql`select ${COLUMNS} from audit_events where ${where} order by ${orderBy} limit ${limit}`);
  return rows.map(auditRowOf);
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
