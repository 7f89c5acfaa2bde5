import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Every string the API takes in must be built on `SafeString`
 * (well-formed Unicode, no NUL), so no input can store text SQLite gives
 * back changed or cannot decode. Only these files may use valibot's bare
 * string schema, and why.
 */
const ALLOWED: Record<string, string> = {
  'shared/schemas/safe-string.ts': 'the safe base itself',
  'backend/env.ts': 'process settings from the operator, never stored',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'migrations' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('every input string is built on SafeString', () => {
  it('no schema in shared/schemas or backend uses valibot’s bare string()', () => {
    const offenders = [...sourceFiles(join(ROOT, 'shared', 'schemas')), ...sourceFiles(join(ROOT, 'backend'))]
      .map((path) => relative(ROOT, path))
      .filter((path) => !(path in ALLOWED))
      .filter((path) => /\bv\.string\(|\bstring\(\)/.test(readFileSync(join(ROOT, path), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
