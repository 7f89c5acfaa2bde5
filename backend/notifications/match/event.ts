import type { NamedEvent } from '../store';
import type { auditEvents } from '../../db/schema';

/**
 * An audit event as appendAudit has just written it, in its transaction:
 * the columns a watch can match on, `after` in the log's own encoding.
 */
export type WrittenEvent = Pick<
  typeof auditEvents.$inferSelect,
  | 'id'
  | 'orgId'
  | 'occurredAt'
  | 'actorType'
  | 'actorId'
  | 'actorName'
  | 'event'
  | 'category'
  | 'section'
  | 'subjectType'
  | 'subjectId'
  | 'subjectLabel'
  | 'customerId'
  | 'conversationId'
  | 'property'
  | 'before'
  | 'after'
  | 'changeId'
>;

/** The events as a notification names them. */
export function named(events: readonly { id: string; occurredAt: number }[]): NamedEvent[] {
  return events.map(({ id, occurredAt }) => ({ id, occurredAt }));
}
