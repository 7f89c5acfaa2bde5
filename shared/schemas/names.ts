import * as v from 'valibot';
import { Id, SafeString } from './common';

/** The most ids one names request resolves: a page of history rarely references more. */
export const MAX_NAMED_IDS = 100;

/** 1–100 ids to put names on (the extension's getNames request, and GET /audit/names once split). */
export const IdBatch = v.pipe(
  v.array(Id),
  v.minLength(1, 'must name at least one id'),
  v.maxLength(MAX_NAMED_IDS, `must name at most ${MAX_NAMED_IDS} ids`),
);

/** `GET /api/v1/audit/names?ids=ID,ID,…`: the ids, comma-separated. */
export const NamesQuery = v.strictObject({
  ids: v.pipe(
    SafeString,
    // 100 ids of 26 characters and their commas: anything longer cannot be valid, so it is not split.
    v.maxLength(MAX_NAMED_IDS * 27, `must name at most ${MAX_NAMED_IDS} ids`),
    v.transform((list) => list.split(',')),
    IdBatch,
  ),
});

/** The kinds of object an audit value can point at that have a name. */
export const NAMED_TYPES = [
  'user',
  'team',
  'queue',
  'customer',
  'company',
  'conversation',
  'shortcut',
  'saved_search',
  'business_rule',
  'workflow',
  'api_key',
] as const;
export type NamedType = (typeof NAMED_TYPES)[number];

/** What an id stands for: `{ type: 'user', name: 'Lee Lead' }`. */
export interface NamedObject {
  type: NamedType;
  name: string;
}
