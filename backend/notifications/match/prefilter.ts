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
 * not the log's own, own changes (and changes to the watch itself) and the
 * awaited value, are decided here alone.
 */

/** The event was made by the watch's owner, whose own changes are left out unless asked for. */
export function isOwnChange(watch: Pick<ActiveWatch, 'ownerId' | 'includeOwn'>, event: Pick<WrittenEvent, 'actorId'>): boolean {
  return !watch.includeOwn && event.actorId !== null && event.actorId === watch.ownerId;
}

/** The event is a change to the watch itself (made, changed, paused, deleted): no watch reports on itself. */
export function isAboutItself(watch: Pick<ActiveWatch, 'id'>, event: Pick<WrittenEvent, 'subjectType' | 'subjectId'>): boolean {
  return event.subjectType === 'watch' && event.subjectId === watch.id;
}

/** `after` (the log's encoding) is the value the watch waits for (canonical JSON), or it waits for none. */
export function valueMatches(awaited: string | null, after: string | null): boolean {
  if (awaited === null) return true;
  const value: unknown = after === null ? null : JSON.parse(after);
  return canonicalJson(value) === awaited;
}

/** Whether `event` may match `watch` (see above: false is certain, true is to be confirmed). */
export function mayMatch(watch: ActiveWatch, event: WrittenEvent): boolean {
  if (isOwnChange(watch, event) || isAboutItself(watch, event)) return false;
  if (watch.subject) {
    const { type, id, property, value } = watch.subject;
    // A subject's history: a conversation's rows, or the customer's own rows (auditWhere's `subject`).
    if (type === 'conversation' && event.conversationId !== id) return false;
    if (type === 'customer' && (event.customerId !== id || event.subjectType !== 'customer')) return false;
    if (property !== null && event.property !== property) return false;
    return valueMatches(value, event.after);
  }
  return watch.filter !== null && watch.filter.test(event);
}

type Check = (event: WrittenEvent) => boolean;

/**
 * A filter's in-memory test, made once per load of the watches: only the
 * filters it has, each with its values in a set. (Reading every possible
 * filter off filter objects of many shapes cost some 300 ns per watch and
 * event, a third of a write's budget with 1,000 watches.)
 */
export function compileFilterTest(f: AuditFilters, range: { from?: number; to?: number }): Check {
  const checks: Check[] = [];
  const { from, to } = range;
  if (from !== undefined) checks.push((e) => e.occurredAt >= from);
  if (to !== undefined) checks.push((e) => e.occurredAt < to);
  // The filters compared to one column value each, exactly as the WHERE compares them.
  column(checks, f.category, f.notCategory, (e) => e.category);
  column(checks, f.section, f.notSection, (e) => e.section);
  column(checks, f.event, f.notEvent, (e) => e.event);
  column(checks, f.property, f.notProperty, (e) => e.property);
  column(checks, f.conversation, f.notConversation, (e) => e.conversationId);
  const { change, actorKind } = f;
  if (change !== undefined) checks.push((e) => e.changeId === change);
  if (actorKind !== undefined) checks.push((e) => (actorKind === 'person') === (e.actorType === 'user'));
  // Actor and customer ids are compared here; names and name parts are left to the WHERE. A name
  // matches an actor's recorded name even on rows without an actor id (the system's); a customer
  // name needs a customer.
  ids(checks, f.actor, f.notActor, (e) => e.actorId, false);
  ids(checks, f.customer, f.notCustomer, (e) => e.customerId, true);
  if (checks.length === 0) return () => true;
  if (checks.length === 1) return checks[0]!;
  return (e) => {
    for (const check of checks) if (!check(e)) return false;
    return true;
  };
}

/** An include list keeps rows whose value is one of its values; an exclusion keeps rows without the value (null included). */
function column(checks: Check[], include: readonly string[] | undefined, exclude: readonly string[] | undefined, value: (e: WrittenEvent) => string | null) {
  if (include) {
    const kept = new Set(include);
    checks.push((e) => {
      const v = value(e);
      return v !== null && kept.has(v);
    });
  }
  if (exclude) {
    const left = new Set(exclude);
    checks.push((e) => {
      const v = value(e);
      return v === null || !left.has(v);
    });
  }
}

function ids(
  checks: Check[],
  include: readonly string[] | undefined,
  exclude: readonly string[] | undefined,
  value: (e: WrittenEvent) => string | null,
  namesNeedValue: boolean,
) {
  if (include) {
    const onlyIds = include.every((item) => ID_PATTERN.test(item));
    const kept = new Set(include);
    if (onlyIds) checks.push((e) => {
      const v = value(e);
      return v !== null && kept.has(v);
    });
    else if (namesNeedValue) checks.push((e) => value(e) !== null);
  }
  const left = new Set(exclude?.filter((item) => ID_PATTERN.test(item)));
  if (left.size > 0) checks.push((e) => {
    const v = value(e);
    return v === null || !left.has(v);
  });
}
