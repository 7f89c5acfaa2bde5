import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Libsql from 'libsql';
import LibsqlPromise from 'libsql/promise';
import { afterEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from './client';

const opened: Database[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function fileDatabase(): Promise<Database> {
  const dir = mkdtempSync(join(tmpdir(), 'auditdesk-driver-'));
  dirs.push(dir);
  const db = await openDatabase({ url: `file:${join(dir, 'test.db')}` });
  opened.push(db);
  return db;
}

describe('the embedded database driver', () => {
  it('gives each of two file databases the columns of its own table for the same SQL text', async () => {
    const [first, second] = [await fileDatabase(), await fileDatabase()];
    await first.writerClient.execute('CREATE TABLE t (a TEXT)');
    await first.writerClient.execute("INSERT INTO t VALUES ('one')");
    await second.writerClient.execute('CREATE TABLE t (b TEXT, c TEXT)');
    await second.writerClient.execute("INSERT INTO t VALUES ('two', 'three')");

    for (const [db, expected] of [[first, { a: 'one' }], [second, { b: 'two', c: 'three' }], [first, { a: 'one' }]] as const) {
      const result = await db.writerClient.execute('SELECT * FROM t');
      expect(result.columns).toEqual(Object.keys(expected));
      expect({ ...result.rows[0] }).toEqual(expected);
    }
  });

  it('reads the new column list of a table altered between two reads', async () => {
    const db = await fileDatabase();
    await db.writerClient.execute('CREATE TABLE t (a TEXT)');
    await db.writerClient.execute("INSERT INTO t VALUES ('x')");
    expect((await db.writerClient.execute('SELECT * FROM t')).columns).toEqual(['a']);

    await db.writerClient.execute("ALTER TABLE t ADD COLUMN b TEXT DEFAULT 'y'");
    const added = await db.writerClient.execute('SELECT * FROM t');
    expect(added.columns).toEqual(['a', 'b']);
    expect({ ...added.rows[0] }).toEqual({ a: 'x', b: 'y' });

    await db.writerClient.execute('ALTER TABLE t RENAME COLUMN a TO renamed');
    expect((await db.writerClient.execute('SELECT * FROM t')).columns).toEqual(['renamed', 'b']);
  });

  it('leaves the libsql library as it ships: no prototype is patched', async () => {
    await fileDatabase();
    const probe = new Libsql(':memory:');
    const statement = probe.prepare('SELECT 1') as unknown as object;
    const statementProto = Object.getPrototypeOf(statement) as Record<string, unknown>;
    probe.close();
    expect(String(Libsql.prototype.prepare)).toContain('databasePrepareSync');
    expect(String(statementProto.raw)).toContain('statementRaw');
    expect(String(statementProto.columns)).toContain('statementColumns');
    // A commit runs on libsql's own threads through its promise API's exec over the same native connection.
    expect(String(LibsqlPromise.prototype.exec)).toContain('databaseExecAsync');
  });

  it('commits in the background: the rows are there once commit resolves, and the connection is held until then', async () => {
    const db = await fileDatabase();
    await db.writerClient.execute('CREATE TABLE t (a INTEGER)');
    const tx = await db.writerClient.transaction('write');
    await tx.execute({ sql: 'INSERT INTO t VALUES (?)', args: [1] });
    const committing = tx.commit();
    await expect(db.writerClient.execute('SELECT count(*) AS n FROM t')).rejects.toMatchObject({ code: 'TRANSACTION_ACTIVE' });
    await committing;
    expect(tx.closed).toBe(true);
    expect((await db.writerClient.execute('SELECT count(*) AS n FROM t')).rows[0]?.n).toBe(1);
  });

  it('reports a constraint that fails at COMMIT as SQLite reports it, and rolls the transaction back', async () => {
    const db = await fileDatabase();
    await db.writerClient.executeMultiple(
      'CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)',
    );
    const tx = await db.writerClient.transaction('write');
    await tx.execute('INSERT INTO child VALUES (42)');
    await expect(tx.commit()).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    expect((await db.writerClient.execute('SELECT count(*) AS n FROM child')).rows[0]?.n).toBe(0);
  });

  it('reports a failing statement with the stack of the call that ran it', async () => {
    const db = await fileDatabase();
    const error = await db.writerClient.execute('SELECT nope FROM nowhere').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/nowhere/);
    expect((error as Error).stack).toContain('native-client.test.ts');
  });

  it('shapes rows as @libsql/client does: values by index, named columns by name, the first of two equal names', async () => {
    const db = await fileDatabase();
    const { rows, columns } = await db.writerClient.execute("SELECT 1 AS a, 'two' AS b, 3 AS a, 4 AS \"__proto__\", 5 AS \"0\"");
    const row = rows[0]!;
    expect(columns).toEqual(['a', 'b', 'a', '__proto__', '0']);
    expect(Array.prototype.slice.call(row)).toEqual([1, 'two', 3, 4, 5]);
    expect(row.length).toBe(5);
    expect(Object.keys(row)).toEqual(['a', 'b', '__proto__']);
    expect({ ...row }).toEqual({ a: 1, b: 'two', ['__proto__']: 4 });
    expect(Object.getPrototypeOf(row)).not.toBe(4);
  });

  it('refuses a file: URL with query parameters at start, rather than opening some other file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'auditdesk-driver-'));
    dirs.push(dir);
    await expect(openDatabase({ url: `file:${join(dir, 'test.db')}?mode=ro` })).rejects.toThrow(/no query parameters/);
  });
});
