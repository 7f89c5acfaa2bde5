import * as v from 'valibot';
import { JsonValue } from './json';
import { SafeString } from './safe-string';

export { JsonObject, JsonValue } from './json';
export { SafeString } from './safe-string';

/** A trimmed, non-empty line of text up to `max` characters. */
export const Text = (max: number) => v.pipe(SafeString, v.trim(), v.nonEmpty('must not be empty'), v.maxLength(max));

/** Text that may be cleared with null. */
export const OptionalText = (max: number) => v.nullable(Text(max));

export const Email = v.pipe(SafeString, v.trim(), v.toLowerCase(), v.email('must be an email address'), v.maxLength(254));
export const Url = v.pipe(SafeString, v.trim(), v.url('must be a URL'), v.maxLength(2048));
export const Phone = v.pipe(SafeString, v.trim(), v.regex(/^\+?[0-9 ()./-]{3,32}$/, 'must be a phone number'));
export const IsoDate = v.pipe(SafeString, v.isoDate('must be a date as YYYY-MM-DD'));
export const IsoTimestamp = v.pipe(
  SafeString,
  v.check((s) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s), 'must be an ISO 8601 timestamp'),
);
/** An id (a ULID); exported for code that must check ids without valibot (the extension's content script). */
export const ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;
export const Id = v.pipe(SafeString, v.regex(ID_PATTERN, 'must be an id'));
export const LanguageTag = v.pipe(SafeString, v.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag like en or pt-BR'));

export const Tags = v.pipe(v.array(Text(64)), v.maxLength(50), v.transform((tags) => [...new Set(tags)]));
export const IdList = v.pipe(v.array(Id), v.maxLength(100), v.transform((ids) => [...new Set(ids)]));

export const SocialProfiles = v.pipe(v.record(v.pipe(SafeString, v.regex(/^[a-z][a-z0-9_]{0,31}$/)), Text(256)), v.check((o) => Object.keys(o).length <= 20, 'at most 20 profiles'));

/**
 * Names that a plain object's record would drop or, assigned as a property,
 * turn into its prototype: refused as attribute names rather than lost.
 */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Custom attributes: names start with a letter; a null value removes the
 * attribute (JSON Merge Patch), so null is allowed on update.
 */
export const CustomAttributes = v.pipe(
  v.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'must be an object'),
  v.check((o) => !Object.keys(o).some((key) => RESERVED_KEYS.has(key)), 'custom attribute names __proto__, constructor and prototype are reserved'),
  v.record(v.pipe(SafeString, v.regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'custom attribute names are letters, digits and _')), JsonValue(4096)),
  v.check((o) => Object.keys(o).length <= 100, 'at most 100 custom attributes'),
);

/** `limit` and `cursor` of a list endpoint. */
export const PageQuery = {
  limit: v.optional(v.pipe(SafeString, v.toNumber(), v.integer(), v.minValue(1), v.maxValue(200)), '50'),
  cursor: v.optional(v.pipe(SafeString, v.maxLength(200))),
};

/** The `:id` of a route's path; a route with more ids in its path adds its own schema. */
export const IdParam = v.object({ id: Id });
