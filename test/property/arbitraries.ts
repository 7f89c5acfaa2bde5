import fc from 'fast-check';
import { JSON_MAX_DEPTH } from '../../shared/schemas/json';

/**
 * Values the API accepts, drawn from everything it must keep exactly:
 * text of every Unicode plane (astral, combining, right-to-left, unusual
 * whitespace), JSON nested up to the depth limit and wide, huge and tiny
 * numbers, -0, keys such as `__proto__` inside values; and values it must
 * refuse: lone surrogates, NUL, JSON nested past the limit.
 */

/** Trimmed, non-empty text of any code point but NUL, at most `maxLength` UTF-16 units. */
export const text = (maxLength: number) =>
  fc
    .oneof(fc.string({ unit: 'binary', minLength: 1, maxLength }), fc.string({ unit: 'grapheme', minLength: 1, maxLength }))
    .map((s) => s.replaceAll('\u0000', '').trim())
    .filter((s) => s.length > 0 && s.length <= maxLength);

/** Object keys including the ones JavaScript objects treat specially. */
const key = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }).map((s) => s.replaceAll('\u0000', '')),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', '', ' ', 'a.b', '$', '"', '\\'),
);

const number = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-0, 0, Number.MAX_VALUE, Number.MIN_VALUE, -Number.MAX_VALUE, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e21, 1e-7),
);

const leaf = fc.oneof(fc.constant(null), fc.boolean(), number, fc.string({ unit: 'binary', maxLength: 24 }).map((s) => s.replaceAll('\u0000', '')));

const { json } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('json'), { maxLength: 6 }),
    fc.dictionary(key, tie('json'), { maxKeys: 6, noNullPrototype: true }),
  ),
}));

/** `levels` arrays and objects (with odd keys) around a value: up to the depth limit exactly. */
const deep = (maxDepth: number) =>
  fc
    .tuple(fc.integer({ min: 1, max: maxDepth }), fc.array(fc.boolean(), { minLength: maxDepth, maxLength: maxDepth }), key, leaf)
    .map(([levels, asArray, k, bottom]) => {
      let value: unknown = bottom;
      for (let i = 0; i < levels; i++) value = asArray[i] ? [value] : JSON.parse(`{${JSON.stringify(k)}:${JSON.stringify(value)}}`);
      return value;
    });

const wide = fc.array(leaf, { minLength: 50, maxLength: 300 });

function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depthOf));
}

/** A JSON value as a client sends it, at most `maxBytes` when serialized and `maxDepth` containers deep. */
export const jsonValue = (maxBytes: number, maxDepth = JSON_MAX_DEPTH) =>
  fc.oneof(json, deep(maxDepth), wide).filter((value) => depthOf(value) <= maxDepth && JSON.stringify(value).length <= maxBytes);

/** A JSON object (rule criteria, a saved search's query). */
export const jsonObject = (maxBytes: number) =>
  fc
    .tuple(fc.dictionary(key, jsonValue(maxBytes, JSON_MAX_DEPTH - 1), { maxKeys: 5, noNullPrototype: true }), jsonValue(maxBytes, JSON_MAX_DEPTH - 1))
    .map(([object, nested]) => ({ ...object, nested }))
    .filter((value) => JSON.stringify(value).length <= maxBytes);

/** Custom attributes: names as the schema allows, values any JSON (never null: null removes). */
export const customAttributes = fc.dictionary(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,20}$/).filter((name) => !['constructor', 'prototype'].includes(name)),
  jsonValue(4096).filter((value) => value !== null),
  { minKeys: 1, maxKeys: 4, noNullPrototype: true },
);

/** Text with something the API must refuse: a lone surrogate or a NUL somewhere in it. */
export const refusedText = fc
  .tuple(fc.string({ unit: 'binary', maxLength: 10 }), fc.oneof(fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)), fc.constant('\u0000')), fc.string({ unit: 'binary', maxLength: 10 }))
  .map(([before, bad, after]) => `x${before}${bad}${after}x`);

/** A JSON value the API must refuse: nested past the limit, or holding refused text as a value or key. */
export const refusedJson = fc.oneof(
  fc.integer({ min: JSON_MAX_DEPTH + 1, max: 1_200 }).map((levels) => {
    let value: unknown = 0;
    for (let i = 0; i < levels; i++) value = [value];
    return value;
  }),
  refusedText.map((bad) => ({ ok: [1, { note: bad }] })),
  refusedText.map((bad) => ({ [bad]: true })),
);

/** What a value is after a JSON round trip (-0 becomes 0): the API's promise is JSON equality. */
export function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
