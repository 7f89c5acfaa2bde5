import type { WatchCreateInput, WatchSubjectInput, WatchThresholdInput } from '../../../shared/schemas/watches';
import { canonicalJson, toAuditValue } from '../../audit/values';
import type { watches, WatchThresholdColumn } from '../../db/schema';

export type WatchRow = typeof watches.$inferSelect;

/** What a watch waits for, as its columns hold it. */
export type WatchTarget = Pick<WatchRow, 'subjectType' | 'subjectId' | 'property' | 'value' | 'filter'>;

/** A subject or a filter as stored: the other one null; a value in the log's canonical encoding (`null` text for "changes to null"). */
export function targetOf(what: { subject: WatchSubjectInput } | { filter: string }): WatchTarget {
  if ('filter' in what) return { subjectType: null, subjectId: null, property: null, value: null, filter: what.filter };
  const { subject } = what;
  return {
    subjectType: subject.type,
    subjectId: subject.id,
    property: subject.property ?? null,
    value: 'value' in subject ? canonicalJson(toAuditValue(subject.value)) : null,
    filter: null,
  };
}

/** A threshold as stored: the quiet period defaults to the counting window. */
export function thresholdOf(input: WatchThresholdInput): WatchThresholdColumn {
  return { count: input.count, minutes: input.minutes, quietMinutes: input.quietMinutes ?? input.minutes, perActor: input.perActor };
}

/** The one subject or filter of a create request (the schema makes sure there is exactly one). */
export function createdTarget(input: WatchCreateInput): WatchTarget {
  return targetOf(input.subject ? { subject: input.subject } : { filter: input.filter! });
}
