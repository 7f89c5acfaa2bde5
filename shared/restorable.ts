import type { AuditEvent } from './audit-event';
import type { AuditEventName, SubjectType } from './enums';
import { type Holder, type Permission, auditCategoriesFor, holderMay, permissionToSee } from './permissions';

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

/** What putting a value back on each restorable object takes: the permission of that object's own edit route. */
export const RESTORE_PERMISSIONS: Readonly<Record<RestorableSubject, Permission>> = {
  customer: 'support:write',
  company: 'support:write',
  conversation: 'support:write',
  message: 'support:write',
  business_rule: 'settings:write',
  workflow: 'settings:write',
  shortcut: 'settings:write',
  saved_search: 'settings:write',
  billing_account: 'billing:write',
};

const SUBJECTS: ReadonlySet<string> = new Set(RESTORABLE_SUBJECTS);

function isRestorableSubject(type: string): type is RestorableSubject {
  return SUBJECTS.has(type);
}

/**
 * Whether POST /audit/:id/restore can put this event's `before` back, as far
 * as the event itself tells: an edit of one property of a restorable object,
 * not redacted. (The backend also checks the property is tracked.)
 */
export function isRestorable(event: Pick<AuditEvent, 'event' | 'property' | 'subject' | 'context'>): boolean {
  return RESTORABLE_EVENTS.has(event.event) && event.property !== null && isRestorableSubject(event.subject.type) && !event.context?.redacted;
}

/**
 * What a holder lacks to restore this event, or null when their role allows
 * it: seeing rows of the event's category in the log (a conversation's
 * routing events are work-session rows, which agents see in the
 * conversation's history but not in the log), then editing the object it
 * changed. The backend refuses with 403 naming this permission.
 */
export function permissionMissingToRestore(event: { category: AuditEvent['category']; subject: Pick<AuditEvent['subject'], 'type'> }, holder: Holder): Permission | null {
  if (!auditCategoriesFor(holder).includes(event.category)) return permissionToSee(event.category);
  const type = event.subject.type;
  if (isRestorableSubject(type) && !holderMay(holder, RESTORE_PERMISSIONS[type])) return RESTORE_PERMISSIONS[type];
  return null;
}

/** The one rule for offering and accepting a restore: a restorable event, and a role allowed to restore it. */
export function canRestore(event: Pick<AuditEvent, 'event' | 'property' | 'subject' | 'context' | 'category'>, holder: Holder): boolean {
  return isRestorable(event) && permissionMissingToRestore(event, holder) === null;
}
