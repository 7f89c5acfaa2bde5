import type { AuditFilters } from '../../../shared/schemas/audit';
import { ID_PATTERN } from '../../../shared/schemas/common';
import { canonicalJson } from '../../audit/values';
import type { ActiveWatch } from './active-watch';
import type { WrittenEvent } from './event';

/*
 * The cheap in-memory test every written event meets each candidate watch
 * with. It may let through an event the log's WHERE then refuses (names,
 * free text: those need the database), never the other way round: what it
 * turns away, the WHERE would have turned away too. The two rules that are
 * not the log's own, own changes and the awaited value, are decided here
 * alone.
 */

/** The event was made by the watch's owner, whose own changes are left out unless asked for. */
export function isOwnChange(watch: Pick<ActiveWatch, 'ownerId' | 'includeOwn'>, event: Pick<WrittenEvent, 'actorId'>): boolean {
  return !watch.includeOwn && event.actorId !== null && event.actorId === watch.ownerId;
}

/** `after` (the log's encoding) is the value the watch waits for (canonical JSON), or it waits for none. */
export function valueMatches(awaited: string | null, after: string | null): boolean {
  if (awaited === null) return true;
  const value: unknown = after === null ? null : JSON.parse(after);
  return canonicalJson(value) === awaited;
}

/** Whether `event` may match `watch` (see above: false is certain, true is to be confirmed). */
export function mayMatch(watch: ActiveWatch, event: WrittenEvent): boolean {
  if (isOwnChange(watch, event)) return false;
  if (watch.subject) {
    const { type, id, property, value } = watch.subject;
    // A subject's history: a conversation's rows, or the customer's own rows (auditWhere's `subject`).
    if (type === 'conversation' && event.conversationId !== id) return false;
    if (type === 'customer' && (event.customerId !== id || event.subjectType !== 'customer')) return false;
    if (property !== null && event.property !== property) return false;
    return valueMatches(value, event.after);
  }
  if (!watch.filter) return false;
  const { filters, range } = watch.filter;
  if (range.from !== undefined && event.occurredAt < range.from) return false;
  if (range.to !== undefined && event.occurredAt >= range.to) return false;
  return exactFiltersAllow(filters, event) && idFiltersAllow(filters, event);
}

/** The filters compared to one column value each, exactly as the WHERE compares them. */
function exactFiltersAllow(f: AuditFilters, e: WrittenEvent): boolean {
  return (
    within(f.category, f.notCategory, e.category) &&
    within(f.section, f.notSection, e.section) &&
    within(f.event, f.notEvent, e.event) &&
    within(f.property, f.notProperty, e.property) &&
    within(f.conversation, f.notConversation, e.conversationId) &&
    (f.change === undefined || f.change === e.changeId) &&
    (f.actorKind === undefined || (f.actorKind === 'person') === (e.actorType === 'user'))
  );
}

/** Actor and customer filters: their ids are compared here; names and name parts are left to the WHERE. */
function idFiltersAllow(f: AuditFilters, e: WrittenEvent): boolean {
  // A name matches an actor's recorded name even on rows without an actor id (the system's); a customer name needs a customer.
  return idsAllow(f.actor, f.notActor, e.actorId, false) && idsAllow(f.customer, f.notCustomer, e.customerId, true);
}

/** An include list keeps rows whose value is one of its values; an exclusion keeps rows without the value (null included). */
function within(include: readonly string[] | undefined, exclude: readonly string[] | undefined, value: string | null): boolean {
  if (include && (value === null || !include.includes(value))) return false;
  if (exclude && value !== null && exclude.includes(value)) return false;
  return true;
}

function idsAllow(
  include: readonly string[] | undefined,
  exclude: readonly string[] | undefined,
  value: string | null,
  namesNeedValue: boolean,
): boolean {
  if (include) {
    const onlyIds = include.every((item) => ID_PATTERN.test(item));
    if (value === null && (onlyIds || namesNeedValue)) return false;
    if (onlyIds && !include.includes(value!)) return false;
  }
  if (exclude && value !== null && exclude.some((item) => ID_PATTERN.test(item) && item === value)) return false;
  return true;
}
