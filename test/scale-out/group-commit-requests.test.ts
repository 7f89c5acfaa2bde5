import { type Client, createClient } from '@libsql/client';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runWrite } from '../../backend/db/sql';
import { WriteQueue } from '../../backend/db/write-queue';
import { type CountingRequests, countingRequests } from '../support/counting-requests';
import { type Sqld, startSqld } from '../support/sqld';

/**
 * The write queue's group commit on a real libSQL server, where every
 * request is a network round trip: how many requests a group costs, and that
 * each job of a group still succeeds or fails on its own.
 */
let sqld: Sqld;
let client: Client;
let queue: WriteQueue;
let requests: CountingRequests;

beforeAll(async () => {
  sqld = await startSqld();
  client = createClient({ url: sqld.url });
  await client.execute('CREATE TABLE notes (id TEXT PRIMARY KEY)');
}, 30_000);

afterAll(async () => {
  client?.close();
  await sqld?.stop();
}, 15_000);

beforeEach(async () => {
  await client.execute('DELETE FROM notes');
  requests = countingRequests(client);
  queue = new WriteQueue(requests.client);
});

const addNote = (id: string) => queue.run((tx) => tx.run(sql`INSERT INTO notes (id) VALUES (${id})`));
const noteIds = async () => (await client.execute('SELECT id FROM notes ORDER BY id')).rows.map((row) => row.id);
const statuses = (results: PromiseSettledResult<unknown>[]) => results.map((result) => result.status);

describe('group commit on a libSQL server', () => {
  it('sends a group of one-statement jobs in one request per job and one for the commit', { timeout: 15_000 }, async () => {
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map(addNote));
    expect(requests.count).toBe(6);
    expect(await noteIds()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('rolls back only the job of a group that fails after writing', { timeout: 15_000 }, async () => {
    const results = await Promise.allSettled([
      addNote('a'),
      queue.run(async (tx) => {
        await tx.run(sql`INSERT INTO notes (id) VALUES ('b')`);
        throw new Error('job b fails after writing');
      }),
      addNote('c'),
    ]);
    expect(statuses(results)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await noteIds()).toEqual(['a', 'c']);
  });

  it('rolls back only the job whose statement the server refuses, with the writes it made before', { timeout: 15_000 }, async () => {
    const results = await Promise.allSettled([
      addNote('a'),
      queue.run(async (tx) => {
        await tx.run(sql`INSERT INTO notes (id) VALUES ('x')`);
        await tx.run(sql`INSERT INTO notes (id) VALUES ('a')`);
      }),
      addNote('c'),
    ]);
    expect(statuses(results)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ cause: { code: 'SQLITE_CONSTRAINT' } });
    expect(await noteIds()).toEqual(['a', 'c']);
  });

  it('rolls back the last job of a group when it fails, and commits the jobs before it', { timeout: 15_000 }, async () => {
    const results = await Promise.allSettled([
      addNote('a'),
      queue.run(async (tx) => {
        await tx.run(sql`INSERT INTO notes (id) VALUES ('z')`);
        throw new Error('the last job fails after writing');
      }),
    ]);
    expect(statuses(results)).toEqual(['fulfilled', 'rejected']);
    expect(await noteIds()).toEqual(['a']);
  });

  it('commits a group in which some jobs send no statement at all, failing or not', { timeout: 15_000 }, async () => {
    const results = await Promise.allSettled([
      addNote('a'),
      queue.run(async () => 42),
      queue.run(() => Promise.reject(new Error('refused before writing'))),
      addNote('c'),
    ]);
    expect(statuses(results)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseFulfilledResult<unknown>).value).toBe(42);
    expect(await noteIds()).toEqual(['a', 'c']);
  });

  it('keeps the writes of a job that catches a refused statement and goes on', { timeout: 15_000 }, async () => {
    const results = await Promise.allSettled([
      addNote('a'),
      queue.run(async (tx) => {
        await tx.run(sql`INSERT INTO notes (id) VALUES ('p')`);
        await tx.run(sql`INSERT INTO notes (id) VALUES ('p')`).catch(() => undefined);
        await tx.run(sql`INSERT INTO notes (id) VALUES ('q')`);
      }),
      addNote('c'),
    ]);
    expect(statuses(results)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(await noteIds()).toEqual(['a', 'c', 'p', 'q']);
  });

  it('writes nothing of a group once a savepoint statement sent along with a job is refused, even if that job goes on', { timeout: 15_000 }, async () => {
    const results = await Promise.allSettled([
      addNote('a'),
      // Fails after ending its own savepoint, so the ROLLBACK TO sent in front
      // of the next job's statement finds none and cannot undo 'b'.
      queue.run(async (tx) => {
        await tx.run(sql`INSERT INTO notes (id) VALUES ('b')`);
        await tx.run(sql.raw('RELEASE job'));
        throw new Error('job b fails after writing');
      }),
      queue.run(async (tx) => {
        await tx.run(sql`INSERT INTO notes (id) VALUES ('c')`).catch(() => undefined);
        await tx.run(sql`INSERT INTO notes (id) VALUES ('d')`);
      }),
    ]);
    expect(statuses(results)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await noteIds()).toEqual([]);
  });

  it('answers reads made inside a job of a group with the rows of the jobs before it', { timeout: 15_000 }, async () => {
    const seen: unknown[] = [];
    const countThenAdd = (id: string) =>
      queue.run(async (tx) => {
        seen.push((await tx.all<{ n: number }>(sql`SELECT count(*) AS n FROM notes`))[0]!.n);
        await tx.run(sql`INSERT INTO notes (id) VALUES (${id})`);
      });
    await Promise.all([countThenAdd('a'), countThenAdd('b'), countThenAdd('c')]);
    expect(seen).toEqual([0, 1, 2]);
  });

  it("sends a job's writes whose results it does not read with its next statement, in one request", { timeout: 15_000 }, async () => {
    const seen = await queue.run(async (tx) => {
      await runWrite(tx, { sql: 'INSERT INTO notes (id) VALUES (?)', args: ['a'] });
      await runWrite(tx, { sql: 'INSERT INTO notes (id) VALUES (?)', args: ['b'] });
      return (await tx.all<{ n: number }>(sql`SELECT count(*) AS n FROM notes`))[0]!.n;
    });
    expect(seen).toBe(2);
    // The read carrying both writes, then the commit.
    expect(requests.count).toBe(2);
    expect(await noteIds()).toEqual(['a', 'b']);
  });

  it('sends the writes a job ends with in one request of their own before the commit', { timeout: 15_000 }, async () => {
    await Promise.all([
      queue.run(async (tx) => {
        await runWrite(tx, { sql: 'INSERT INTO notes (id) VALUES (?)', args: ['a'] });
        await runWrite(tx, { sql: 'INSERT INTO notes (id) VALUES (?)', args: ['b'] });
      }),
      addNote('c'),
    ]);
    expect(requests.count).toBe(3);
    expect(await noteIds()).toEqual(['a', 'b', 'c']);
  });

  it('fails the job whose deferred write the server refuses, even when the job catches the error and goes on', { timeout: 15_000 }, async () => {
    const results = await Promise.allSettled([
      addNote('a'),
      queue.run(async (tx) => {
        await runWrite(tx, { sql: 'INSERT INTO notes (id) VALUES (?)', args: ['x'] });
        await runWrite(tx, { sql: 'INSERT INTO notes (id) VALUES (?)', args: ['a'] });
        // The refusal arrives with this read; a job that swallows it still fails.
        await tx.all(sql`SELECT 1`).catch(() => undefined);
        return 'went on';
      }),
      addNote('c'),
    ]);
    expect(statuses(results)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ cause: { code: 'SQLITE_CONSTRAINT' } });
    expect(await noteIds()).toEqual(['a', 'c']);
  });

  it('fails a job alone in its transaction when the write it ends with is refused, and writes nothing of it', { timeout: 15_000 }, async () => {
    await addNote('a');
    const failing = queue.run(async (tx) => {
      await runWrite(tx, { sql: 'INSERT INTO notes (id) VALUES (?)', args: ['y'] });
      await runWrite(tx, { sql: 'INSERT INTO notes (id) VALUES (?)', args: ['a'] });
    });
    await expect(failing).rejects.toMatchObject({ cause: { code: 'SQLITE_CONSTRAINT' } });
    expect(await noteIds()).toEqual(['a']);
  });

  it('never sends the deferred writes of a job that fails before they go', { timeout: 15_000 }, async () => {
    const results = await Promise.allSettled([
      addNote('a'),
      queue.run(async (tx) => {
        await runWrite(tx, { sql: 'INSERT INTO notes (id) VALUES (?)', args: ['x'] });
        throw new Error('refused after writing, before any read');
      }),
      addNote('c'),
    ]);
    expect(statuses(results)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // Two notes and the commit: the failed job cost no request.
    expect(requests.count).toBe(3);
    expect(await noteIds()).toEqual(['a', 'c']);
  });
});
