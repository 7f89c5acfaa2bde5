import { signal } from '@preact/signals';
import type { AuditEvent } from '../../../shared/audit-event';
import { ID_PATTERN } from '../../../shared/schemas/common';
import { MAX_NAMED_IDS, type NamedObject } from '../../../shared/schemas/names';
import type { Result } from '../messaging/protocol';
import { isRecord } from './diff/value-diff';
import { displayValue } from './format';

/** Whether a Before/After value (or an item of one) is an object's id rather than text. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/**
 * Calls `visit` with each place of a value the panel shows an id's name in:
 * the whole value, the items of a list, and, in an object (a created
 * object's snapshot, a JSON custom attribute), the values of its keys and
 * the items of lists there. Deeper values are shown as they are.
 */
function mapShownIds(value: unknown, visit: (item: unknown) => unknown): unknown {
  const inList = (item: unknown) => (Array.isArray(item) ? item.map(visit) : visit(item));
  if (!isRecord(value)) return inList(value);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, inList(item)]));
}

/** The ids the events' Before/After values hold where the panel shows names (see mapShownIds), each once. */
export function referencedIds(events: readonly AuditEvent[]): string[] {
  const ids = new Set<string>();
  const note = (item: unknown) => {
    if (isId(item)) ids.add(item);
    return item;
  };
  for (const event of events) {
    mapShownIds(event.before, note);
    mapShownIds(event.after, note);
  }
  return [...ids];
}

/** A value as one line of text (as displayValue), with the ids it holds where the panel shows names given as those names. */
export function describeValue(value: unknown, names: Readonly<Record<string, NamedObject>>): string {
  return displayValue(mapShownIds(value, (item) => (isId(item) ? (names[item]?.name ?? item) : item)));
}

/** Where names come from: the background's getNames (the panel and the audit page both ask it). */
export interface NamesDeps {
  send(type: 'getNames', ids: string[]): Promise<Result<Record<string, NamedObject>>>;
}

/**
 * The names of the objects shown values point at (an assignee, a team, a
 * company), by id, cached for as long as the panel lives. Each call of
 * `learn` asks the background once (per 100 ids) for the ids never asked
 * about; ids the backend does not name stay ids.
 */
export function createNames(deps: NamesDeps) {
  const byId = signal<Readonly<Record<string, NamedObject>>>({});
  /** Asked about, answered or on their way: not asked again. */
  const asked = new Set<string>();

  async function ask(ids: string[]): Promise<void> {
    try {
      const result = await deps.send('getNames', ids);
      if (result.ok) {
        byId.value = { ...byId.peek(), ...result.value };
        return;
      }
    } catch {
      // Falls through: the ids stay as they are and are asked again with the next events.
    }
    ids.forEach((id) => asked.delete(id));
  }

  /** Asks for the names of the ids in `events` that were never asked about. */
  async function learn(events: readonly AuditEvent[]): Promise<void> {
    const unknown = referencedIds(events).filter((id) => !asked.has(id));
    unknown.forEach((id) => asked.add(id));
    const batches: Promise<void>[] = [];
    for (let start = 0; start < unknown.length; start += MAX_NAMED_IDS) batches.push(ask(unknown.slice(start, start + MAX_NAMED_IDS)));
    await Promise.all(batches);
  }

  /** Forgets every name (signed out: the next session may be another org's). */
  function clear(): void {
    asked.clear();
    byId.value = {};
  }

  return { byId, learn, clear };
}

export type Names = ReturnType<typeof createNames>;
