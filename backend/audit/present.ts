import type { AuditEvent } from '../../shared/audit-event';
import type { auditEvents } from '../db/schema';
import { hasRedactedSeal } from './chain/seals';
import type { SourceFields } from './source-fields';
import { decodeValue } from './values';

type AuditRow = typeof auditEvents.$inferSelect;

/**
 * A stored audit row in the event shape the API serves. Log pages are written by
 * its SQL twin (query/event-json.ts): change both together
 * (test/audit-api/event-json.test.ts compares them byte for byte).
 */
export function presentAuditEvent(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    occurredAt: new Date(row.occurredAt).toISOString(),
    actor: { type: row.actorType, id: row.actorId, name: row.actorName },
    event: row.event,
    category: row.category,
    section: row.section,
    subject: { type: row.subjectType, id: row.subjectId, label: row.subjectLabel },
    customerId: row.customerId,
    conversationId: row.conversationId,
    property: row.property,
    before: decodeValue(row.before),
    after: decodeValue(row.after),
    changeId: row.changeId,
    context: contextOf(row),
    source: { requestId: row.requestId, ip: row.ip, userAgent: row.userAgent, apiKeyId: row.apiKeyId },
  };
}

/**
 * The stored context, with `redacted: true` when a value of the row was
 * redacted: the context is hashed into the chain and never rewritten, so the
 * mark comes from the seals, where redaction kept the erased values'
 * commitments.
 */
function contextOf(row: AuditRow): Record<string, unknown> | null {
  const stored = row.context ? (JSON.parse(row.context) as Record<string, unknown>) : null;
  return hasRedactedSeal(row.seals) ? { ...stored, redacted: true } : stored;
}

/** The presenter for a caller who may see `fields` of each event's source (sourceFieldsOf). */
export function presentAuditEventFor(fields: SourceFields): (row: AuditRow) => AuditEvent {
  if (fields === 'all') return presentAuditEvent;
  return (row) => {
    const event = presentAuditEvent(row);
    return { ...event, source: { ...event.source, ip: null, userAgent: null } };
  };
}
