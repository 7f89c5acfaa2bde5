import type { AuditEvent } from '../../../shared/audit-event';
import type { HistoryFilters, Subject } from '../messaging/protocol';

/** The rows of one change (one edit of several properties shares a changeId). */
export interface ChangeGroup {
  changeId: string;
  events: AuditEvent[];
}

function newestFirst(a: AuditEvent, b: AuditEvent): number {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt < b.occurredAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Adds `incoming` to `existing`, dropping ids already there (a live event
 * can arrive before or after the page that also holds it), newest first.
 * @returns the merged list and the events that were really new.
 */
export function mergeEvents(existing: readonly AuditEvent[], incoming: readonly AuditEvent[]): { items: AuditEvent[]; added: AuditEvent[] } {
  const seen = new Set(existing.map((event) => event.id));
  const added: AuditEvent[] = [];
  for (const event of incoming) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    added.push(event);
  }
  if (added.length === 0) return { items: [...existing], added };
  return { items: [...existing, ...added].sort(newestFirst), added };
}

/** Whether a live event passes the panel's filters, as the backend would have filtered it. */
export function matchesFilters(event: AuditEvent, filters: HistoryFilters): boolean {
  if (filters.event && event.event !== filters.event) return false;
  if (filters.actorKind === 'person' && event.actor.type !== 'user') return false;
  if (filters.actorKind === 'automation' && event.actor.type === 'user') return false;
  if (filters.property && event.property !== filters.property) return false;
  return true;
}

/** Whether an event is part of `subject`'s history (its own rows and those of things it holds). */
export function belongsTo(event: AuditEvent, subject: Subject): boolean {
  if (event.subject.type === subject.type && event.subject.id === subject.id) return true;
  return subject.type === 'customer' ? event.customerId === subject.id : event.conversationId === subject.id;
}

/** Groups newest-first rows by change, keeping the order of each change's first row. */
export function groupByChange(items: readonly AuditEvent[]): ChangeGroup[] {
  const groups = new Map<string, ChangeGroup>();
  for (const event of items) {
    const group = groups.get(event.changeId);
    if (group) group.events.push(event);
    else groups.set(event.changeId, { changeId: event.changeId, events: [event] });
  }
  return [...groups.values()];
}
