import * as v from 'valibot';
import { ACTOR_KINDS, CATEGORIES, EVENTS, SECTIONS } from '../../../../shared/enums';
import { ID_PATTERN, SafeString } from '../../../../shared/schemas/common';
import type { ListField } from './log-filter';
import { isDayOrInstant } from './time';

/**
 * What each filter value may be, the API's rules checked on the page so a
 * bad URL or query is named before anything is asked. Values come out
 * normalized: trimmed, enum words lower-cased, ids upper-cased.
 */

const text = (max: number) => v.pipe(SafeString, v.trim(), v.nonEmpty('is empty'), v.maxLength(max, `is longer than ${max} characters`));
const word = <T extends readonly string[]>(words: T, what: string) =>
  v.pipe(SafeString, v.trim(), v.toLowerCase(), v.picklist(words, `is not a known ${what}`));

const VALUE: Record<ListField, v.GenericSchema<string, string>> = {
  category: word(CATEGORIES, 'event type'),
  actor: text(200),
  conversation: v.pipe(SafeString, v.trim(), v.toUpperCase(), v.regex(ID_PATTERN, 'is not a conversation id')),
  customer: text(200),
  section: word(SECTIONS, 'section'),
  event: word(EVENTS, 'event'),
  property: text(200),
};

const ACTOR_KIND = word(ACTOR_KINDS, 'kind (person or automation)');
const DATE = v.pipe(SafeString, v.trim(), v.check(isDayOrInstant, 'is not a date (YYYY-MM-DD) or a time with its zone (YYYY-MM-DDTHH:MMZ)'));
const FREE_TEXT = v.pipe(SafeString, v.maxLength(500, 'is longer than 500 characters'));

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

function check<T>(schema: v.GenericSchema<string, T>, raw: string): Checked<T> {
  const result = v.safeParse(schema, raw);
  return result.success ? { ok: true, value: result.output } : { ok: false, message: result.issues[0].message };
}

/** One value of a list filter, normalized, or what is wrong with it. */
export const checkValue = (field: ListField, raw: string): Checked<string> => check(VALUE[field], raw);
export const checkActorKind = (raw: string): Checked<'person' | 'automation'> => check(ACTOR_KIND, raw);
/** A `from`/`to`: a day or an instant with its zone. */
export const checkDate = (raw: string): Checked<string> => check(DATE, raw);
export const checkFreeText = (raw: string): Checked<string> => check(FREE_TEXT, raw);
