import type { CustomAttributes } from '../db/schema/columns';
import { sameValue, toAuditValue } from './values';

export interface PropertyChange {
  property: string;
  before: unknown;
  after: unknown;
}

/** The prefix under which custom attributes are audited, as `custom.<name>`. */
export const CUSTOM_PREFIX = 'custom.';

/**
 * The property-level difference between two versions of a row, over the
 * tracked properties only, in their order. Custom attributes are compared one
 * by one; arrays and objects are compared as whole values.
 */
export function diffProperties(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  tracked: readonly string[],
): PropertyChange[] {
  const changes: PropertyChange[] = [];
  for (const property of tracked) {
    if (property === 'custom') {
      changes.push(...diffCustom(asCustom(before.custom), asCustom(after.custom)));
      continue;
    }
    // Untouched properties are the very same value: skip serializing them.
    if (before[property] === after[property]) continue;
    if (!sameValue(before[property], after[property])) {
      changes.push({ property, before: toAuditValue(before[property]), after: toAuditValue(after[property]) });
    }
  }
  return changes;
}

function diffCustom(before: CustomAttributes, after: CustomAttributes): PropertyChange[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return names
    .filter((name) => !sameValue(before[name], after[name]))
    .map((name) => ({
      property: CUSTOM_PREFIX + name,
      before: toAuditValue(before[name]),
      after: toAuditValue(after[name]),
    }));
}

/**
 * Applies a custom-attribute patch the way JSON Merge Patch does: a key set
 * to null is removed, any other value replaces the old one.
 */
export function mergeCustom(current: CustomAttributes, patch: CustomAttributes): CustomAttributes {
  const merged: CustomAttributes = { ...current };
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) delete merged[name];
    else merged[name] = value;
  }
  return merged;
}

function asCustom(value: unknown): CustomAttributes {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as CustomAttributes) : {};
}
