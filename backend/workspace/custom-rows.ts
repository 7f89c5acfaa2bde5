import type { CustomAttributes } from '../db/schema/columns';
import type { FormFields } from './form-data';

/** One custom attribute as the form shows it: a name box and a value box. */
export interface CustomRow {
  key: string;
  value: string;
}

/** Text values as typed; anything else (numbers, true/false, lists) as JSON. */
export function displayCustom(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * What a typed value means: numbers, true/false, [lists] and {objects} that
 * parse as JSON are stored as such; everything else is text.
 */
export function parseCustom(text: string): unknown {
  const trimmed = text.trim();
  if (/^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|\[[\s\S]*\]|\{[\s\S]*\})$/.test(trimmed)) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      // not JSON after all: keep the text
    }
  }
  return trimmed;
}

export function rowsFromAttributes(custom: CustomAttributes): CustomRow[] {
  return Object.keys(custom)
    .sort()
    .map((key) => ({ key, value: displayCustom(custom[key]) }));
}

/** The rows of a submitted form, in order, without the ones left blank. */
export function rowsFromForm(form: FormFields): CustomRow[] {
  const keys = form.all('customKey');
  const values = form.all('customValue');
  return keys
    .map((key, i) => ({ key: key.trim(), value: values[i] ?? '' }))
    .filter((row) => row.key !== '' || row.value.trim() !== '');
}

/**
 * The custom-attribute patch the rows ask for, against the current values: a
 * row whose text was not touched changes nothing (so "42" typed as text is
 * not silently turned into a number), an emptied value or a removed row
 * removes the attribute (null), anything else sets it. A value without a name
 * is kept under "" so validation reports it.
 */
export function customPatch(rows: CustomRow[], current: CustomAttributes): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const wanted = new Set<string>();
  for (const { key, value } of rows) {
    wanted.add(key);
    if (value.trim() === '') {
      if (key in current) patch[key] = null;
    } else if (!(key in current) || value !== displayCustom(current[key])) {
      patch[key] = parseCustom(value);
    }
  }
  for (const key of Object.keys(current)) {
    if (!wanted.has(key)) patch[key] = null;
  }
  return patch;
}
