import type { AuditEvent } from './audit-event';
import type { AuditEventName, SubjectType } from './enums';

/**
 * Events that are a person's (or an automation's) edit of a property, so
 * putting the old value back is itself an edit. Everything else is refused:
 * creates and deletes (no single value to put back), sign-ins, redactions,
 * merges, access events, SLA breaches and survey answers (facts about what
 * happened, not values someone set), API key lifecycle.
 */
export const RESTORABLE_EVENTS: ReadonlySet<AuditEventName> = new Set<AuditEventName>([
  'update',
  'enabled',
  'disabled',
  'status_changed',
  'assigned',
  'accepted',
  'queue_entered',
  'shortcut_applied',
]);

/** The objects whose changes can be put back from the log: exactly those whose backend entity definition declares `restore` (a test holds them equal). */
export const RESTORABLE_SUBJECTS = [
  'customer',
  'company',
  'conversation',
  'message',
  'business_rule',
  'workflow',
  'shortcut',
  'saved_search',
  'billing_account',
] as const satisfies readonly SubjectType[];
export type RestorableSubject = (typeof RESTORABLE_SUBJECTS)[number];

const SUBJECTS: ReadonlySet<string> = new Set(RESTORABLE_SUBJECTS);

/**
 * Whether POST /audit/:id/restore can put this event's `before` back, as far
 * as the event itself tells: an edit of one property of a restorable object,
 * not redacted. (The backend also checks the property is tracked and the
 * caller's role.)
 */
export function isRestorable(event: Pick<AuditEvent, 'event' | 'property' | 'subject' | 'context'>): boolean {
  return RESTORABLE_EVENTS.has(event.event) && event.property !== null && SUBJECTS.has(event.subject.type) && !event.context?.redacted;
}
