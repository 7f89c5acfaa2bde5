import * as v from 'valibot';
import { textProblem } from './safe-string';

/**
 * Limits of a JSON value beyond its size: SQLite's JSON functions, which
 * build every event of the log, refuse values nested deeper than they
 * parse, and a small value can still hold thousands of nodes.
 */
export const JSON_MAX_DEPTH = 32;
export const JSON_MAX_NODES = 1_000;

/**
 * What is wrong with a JSON value, or null; one walk over it. Strings and
 * keys follow the rule of every string (well-formed, no NUL), numbers must
 * be finite (JSON has no Infinity: it would be stored as null), and only
 * what JSON can hold is allowed. Keys such as `__proto__` inside a value
 * are data: they are kept as own properties and round-trip exactly.
 */
export function jsonProblem(value: unknown): string | null {
  let nodes = 0;
  const pending: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 1 }];
  while (pending.length > 0) {
    const { node, depth } = pending.pop()!;
    if (++nodes > JSON_MAX_NODES) return `has more than ${JSON_MAX_NODES} values`;
    if (node === null || typeof node === 'boolean') continue;
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) return 'numbers must be finite';
      continue;
    }
    if (typeof node === 'string') {
      const problem = textProblem(node);
      if (problem) return `text ${problem}`;
      continue;
    }
    if (typeof node !== 'object' || !isPlainContainer(node)) return 'must be a JSON value';
    if (depth > JSON_MAX_DEPTH) return `is nested deeper than ${JSON_MAX_DEPTH} levels`;
    if (Array.isArray(node)) {
      for (const item of node) pending.push({ node: item, depth: depth + 1 });
      continue;
    }
    for (const [key, item] of Object.entries(node)) {
      const problem = textProblem(key);
      if (problem) return `keys ${problem}`;
      pending.push({ node: item, depth: depth + 1 });
    }
  }
  return null;
}

function isPlainContainer(node: object): boolean {
  if (Array.isArray(node)) return true;
  const prototype = Object.getPrototypeOf(node) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function serializedLength(value: unknown): number {
  return JSON.stringify(value)?.length ?? Number.POSITIVE_INFINITY;
}

const wellShapedJson = <T>() =>
  v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = jsonProblem(dataset.value);
    if (problem) addIssue({ message: problem });
  });

/** Any JSON value up to `maxBytes` when serialized, within the depth and node limits. */
export const JsonValue = (maxBytes: number) =>
  v.pipe(
    v.unknown(),
    wellShapedJson<unknown>(),
    v.check((value) => serializedLength(value) <= maxBytes, `must be a JSON value of at most ${maxBytes} bytes`),
  );

/** A JSON object (e.g. a rule's criteria), kept exactly as sent, within the same limits. */
export const JsonObject = (maxBytes: number) =>
  v.pipe(
    v.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'must be an object'),
    wellShapedJson<Record<string, unknown>>(),
    v.check((value) => serializedLength(value) <= maxBytes, `must be at most ${maxBytes} bytes`),
  );
