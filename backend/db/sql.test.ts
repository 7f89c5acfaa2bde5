import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import { afterEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from './client';
import { rawHandleOf, type Reader, runSql, runSqlArrays, runSqlFirstColumn, type Tx } from './sql';

let dir: string | undefined;
let db: Database | undefined;
afterEach(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  db = dir = undefined;
});

describe('running raw SQL on a reader', () => {
  it('reads a file database through its own connection and sees every committed write at once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'auditdesk-native-'));
    db = await openDatabase({ url: `file:${join(dir, 'test.db')}` });
    expect(rawHandleOf(db.reader).arrays).toBeTypeOf('function');
    await db.writerClient.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, at INTEGER)');
    await db.writerClient.execute({ sql: 'INSERT INTO t VALUES (?, ?, ?), (?, ?, ?)', args: [1, 'a', 1_700_000_000_123, 2, null, 5] });
    expect(await runSqlArrays(db.reader, sql`SELECT name, at FROM t ORDER BY id`)).toEqual([
      ['a', 1_700_000_000_123],
      [null, 5],
    ]);
    await db.writerClient.execute({ sql: 'UPDATE t SET name = ? WHERE id = ?', args: ['changed', 1] });
    expect(await runSqlArrays(db.reader, sql`SELECT name FROM t WHERE id = ${1}`)).toEqual([['changed']]);
  });

  it('reads bulk first columns on the worker thread, in order, and reports a failing read', async () => {
    dir = mkdtempSync(join(tmpdir(), 'auditdesk-native-'));
    db = await openDatabase({ url: `file:${join(dir, 'test.db')}` });
    expect(rawHandleOf(db.reader).firstColumnInWorker).toBeTypeOf('function');
    await db.writerClient.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, doc TEXT)');
    await db.writerClient.execute({ sql: 'INSERT INTO t VALUES (1, ?), (2, ?), (3, ?)', args: ['[1]', '["a\\nb"]', null] });
    const [all, some] = await Promise.all([
      runSqlFirstColumn(db.reader, sql`SELECT doc FROM t ORDER BY id`),
      runSqlFirstColumn(db.reader, sql`SELECT doc FROM t WHERE id > ${1} ORDER BY id DESC`),
    ]);
    expect(all).toEqual(['[1]', '["a\\nb"]', null]);
    expect(some).toEqual([null, '["a\\nb"]']);
    await expect(runSqlFirstColumn(db.reader, sql`SELECT nope FROM t`)).rejects.toThrow(/nope/);
  });

  it('gives the same arrays through the client where there is no file (memory)', async () => {
    db = await openDatabase({ url: ':memory:' });
    expect(rawHandleOf(db.reader).arrays).toBeUndefined();
    await db.writerClient.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
    await db.writerClient.execute({ sql: 'INSERT INTO t VALUES (?, ?)', args: [7, 'x'] });
    expect(await runSqlArrays(db.reader, sql`SELECT id, name FROM t`)).toEqual([[7, 'x']]);
  });

  it('gives rows by index and by column name through runSql', async () => {
    db = await openDatabase({ url: ':memory:' });
    await db.writerClient.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
    await db.writerClient.execute({ sql: 'INSERT INTO t VALUES (?, ?)', args: [7, 'x'] });
    const [row] = await runSql(db.reader, sql`SELECT id, name FROM t`);
    expect([row?.[0], row?.[1], row?.id, row?.name]).toEqual([7, 'x', 7, 'x']);
  });
});

describe('readers and write transactions', () => {
  it('are distinct types: code that writes cannot be handed a reader (checked by npm run typecheck)', () => {
    const writesThrough = (tx: Tx) => tx;
    // @ts-expect-error a Reader is not a Tx: nothing written through it would be audited or atomic
    const handsOverAReader = (reader: Reader) => writesThrough(reader);
    // @ts-expect-error nor is a bare drizzle database, which carries no libSQL handle
    const handsOverDrizzle = (db: LibSQLDatabase) => writesThrough(db);
    expect([handsOverAReader, handsOverDrizzle]).toHaveLength(2);
  });
});
