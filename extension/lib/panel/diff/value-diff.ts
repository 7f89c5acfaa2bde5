import { diffWords, type TextPart } from './words';

/*
 * How a Before/After pair is shown: long text as a word diff, lists as the
 * items added and removed, objects key by key, anything else side by side.
 */

/** Text at least this long (or spanning lines) is diffed word by word. */
const LONG_TEXT = 40;

export interface ListItem {
  value: unknown;
  op: 'same' | 'added' | 'removed';
}

export interface KeyChange {
  key: string;
  op: 'same' | 'added' | 'removed' | 'changed';
  before: unknown;
  after: unknown;
}

export type ValueDiff =
  | { kind: 'text'; parts: TextPart[] }
  | { kind: 'list'; before: ListItem[]; after: ListItem[] }
  | { kind: 'object'; keys: KeyChange[] }
  | { kind: 'plain' };

/** Whether a JSON value is an object (not a list, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of JSON values, used to match list items and object keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function isLongText(value: unknown): value is string {
  return typeof value === 'string' && (value.length >= LONG_TEXT || value.includes('\n'));
}

function diffLists(before: unknown[], after: unknown[]): ValueDiff {
  const has = (list: unknown[], value: unknown) => list.some((item) => sameJson(item, value));
  return {
    kind: 'list',
    before: before.map((value) => ({ value, op: has(after, value) ? 'same' : 'removed' })),
    after: after.map((value) => ({ value, op: has(before, value) ? 'same' : 'added' })),
  };
}

function diffObjects(before: Record<string, unknown>, after: Record<string, unknown>): ValueDiff {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return {
    kind: 'object',
    keys: keys.map((key) => {
      const inBefore = Object.hasOwn(before, key);
      const inAfter = Object.hasOwn(after, key);
      const op = !inBefore ? 'added' : !inAfter ? 'removed' : sameJson(before[key], after[key]) ? 'same' : 'changed';
      return { key, op, before: before[key], after: after[key] };
    }),
  };
}

/**
 * Chooses how to show the change from `before` to `after`. A missing side
 * (null) counts as an empty list or object when the other side is one.
 */
export function diffValues(before: unknown, after: unknown): ValueDiff {
  if (typeof before === 'string' && typeof after === 'string' && (isLongText(before) || isLongText(after))) {
    return { kind: 'text', parts: diffWords(before, after) };
  }
  if ((Array.isArray(before) || before == null) && (Array.isArray(after) || after == null) && (before ?? after) != null) {
    return diffLists(Array.isArray(before) ? before : [], Array.isArray(after) ? after : []);
  }
  if ((isRecord(before) || before == null) && (isRecord(after) || after == null) && (before ?? after) != null) {
    return diffObjects(isRecord(before) ? before : {}, isRecord(after) ? after : {});
  }
  return { kind: 'plain' };
}
