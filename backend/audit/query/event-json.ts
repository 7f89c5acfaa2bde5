import { type SQL, sql } from 'drizzle-orm';
import { REDACTED_SEAL_MARK } from '../chain/seals';
import type { SourceFields } from '../source-fields';
import type { RowPacking } from './rows';

/** The event's context: the stored one, marked redacted from the row's seals (present.ts's contextOf). */
const CONTEXT =
  `CASE WHEN instr(audit_events.seals, '${REDACTED_SEAL_MARK}') > 0 ` +
  `THEN json_set(coalesce(nullif(audit_events.context, ''), '{}'), '$.redacted', json('true')) ` +
  `ELSE json(nullif(audit_events.context, '')) END`;

/**
 * An audit_events row as the JSON text of its API event, built by SQLite:
 * the SQL twin of presentAuditEvent (present.ts), key for key and byte for
 * byte (test/audit-api/event-json.test.ts holds them together).
 *
 * Why in SQL: libsql hands each column value to JavaScript at a cost. A
 * page of 51 events read as 23 columns through the client, presented and
 * re-serialized took ~2.5 ms of a request in the server's profile; written
 * by SQLite and read as one value per row, ~0.9 ms.
 * before/after/context are stored as JSON text (JSON.stringify's, so json()
 * gives them back unchanged); an empty context is null, as in present.ts,
 * and a row whose seals hold a redacted value's commitment gets
 * `"redacted": true` in its context, as in present.ts.
 * The date is `toISOString()`'s format, to the millisecond.
 * `fields` says whether the source's IP address and user agent are given or
 * null (source-fields.ts).
 */
function eventJson(fields: SourceFields): SQL {
  const client = fields === 'all' ? `'ip', audit_events.ip, 'userAgent', audit_events.user_agent` : `'ip', null, 'userAgent', null`;
  return sql.raw(
    `json_object(` +
      `'id', audit_events.id, ` +
      `'occurredAt', strftime('%Y-%m-%dT%H:%M:%fZ', audit_events.occurred_at / 1000.0, 'unixepoch'), ` +
      `'actor', json_object('type', audit_events.actor_type, 'id', audit_events.actor_id, 'name', audit_events.actor_name), ` +
      `'event', audit_events.event, ` +
      `'category', audit_events.category, ` +
      `'section', audit_events.section, ` +
      `'subject', json_object('type', audit_events.subject_type, 'id', audit_events.subject_id, 'label', audit_events.subject_label), ` +
      `'customerId', audit_events.customer_id, ` +
      `'conversationId', audit_events.conversation_id, ` +
      `'property', audit_events.property, ` +
      `'before', json(audit_events.before), ` +
      `'after', json(audit_events.after), ` +
      `'changeId', audit_events.change_id, ` +
      `'context', ${CONTEXT}, ` +
      `'source', json_object('requestId', audit_events.request_id, ${client}, 'apiKeyId', audit_events.api_key_id)` +
      `)`,
  );
}

const EVENT_JSON: Record<SourceFields, SQL> = { all: eventJson('all'), without_client: eventJson('without_client') };

/** An event's JSON text as a caller who may see `fields` of its source reads it (sourceFieldsOf). */
export function eventJsonFor(fields: SourceFields): SQL {
  return EVENT_JSON[fields];
}

function packing(select: SQL): RowPacking {
  return {
    select,
    positionOf(json) {
      const event = JSON.parse(json) as { occurredAt: string; id: string };
      return { occurredAt: Date.parse(event.occurredAt), id: event.id };
    },
  };
}

const EVENT_JSON_PACKING: Record<SourceFields, RowPacking> = {
  all: packing(EVENT_JSON.all),
  without_client: packing(EVENT_JSON.without_client),
};

/** Bulk reads of whole events (the JSONL export, the live stream): each row is its event's JSON text. */
export function eventJsonPackingFor(fields: SourceFields): RowPacking {
  return EVENT_JSON_PACKING[fields];
}
