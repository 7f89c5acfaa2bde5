import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/*
 * Only backend/db/ talks to libSQL: everything else reaches the database
 * through a Reader or a Tx, and runs raw SQL with backend/db/sql.ts. A second
 * way in (a client of its own, SQL compiled by hand against a raw handle)
 * would skip the write queue's transaction or the reader's fast paths.
 */
const DRIVER_IMPORT = /from '(@libsql\/client|libsql|drizzle-orm\/libsql(\/[\w-]+)?)'/;
const HAND_COMPILED_SQL = /\bSQLiteAsyncDialect\b|\bsqlToQuery\(/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'db' && dir.endsWith('backend') ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('one front door to the database', () => {
  it('finds the imports it is looking for', () => {
    expect(DRIVER_IMPORT.test("import type { InValue, Row } from '@libsql/client';")).toBe(true);
    expect(DRIVER_IMPORT.test("import { drizzle } from 'drizzle-orm/libsql';")).toBe(true);
    expect(DRIVER_IMPORT.test("import { sql } from 'drizzle-orm';")).toBe(false);
  });

  it('is backend/db: no other backend code opens libSQL or compiles SQL for a raw handle', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'backend'))) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (DRIVER_IMPORT.test(line) || HAND_COMPILED_SQL.test(line)) offenders.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});
