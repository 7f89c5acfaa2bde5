import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './client';
import { organizations } from './schema';
import { WriteQueue } from './write-queue';

let db: Database;
let queue: WriteQueue;
beforeEach(async () => {
  db = await openDatabase({ url: ':memory:' });
  queue = new WriteQueue(db.writerClient);
});
afterEach(() => db.close());

const addOrg = (id: string) => queue.run((tx) => tx.insert(organizations).values({ id, name: id, createdAt: new Date() }));
const orgIds = async () => (await db.reader.select({ id: organizations.id }).from(organizations)).map((o) => o.id).sort();

describe('WriteQueue', () => {
  it('rolls back only the failing job of a group and rejects only its caller', async () => {
    const results = await Promise.allSettled([
      addOrg('a'),
      queue.run(async (tx) => {
        await tx.insert(organizations).values({ id: 'b', name: 'b', createdAt: new Date() });
        throw new Error('job b fails after writing');
      }),
      addOrg('c'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await orgIds()).toEqual(['a', 'c']);
  });

  it('commits jobs queued in the same turn in one transaction', async () => {
    // Each job records the transaction's data_version-independent marker: the
    // temp table exists only inside the transaction that created it.
    const seen: number[] = [];
    const job = () =>
      queue.run(async (tx) => {
        const rows = await tx.all<{ n: number }>(sql`SELECT count(*) AS n FROM organizations`);
        seen.push(rows[0]!.n);
        await tx.insert(organizations).values({ id: `o${seen.length}`, name: 'x', createdAt: new Date() });
      });
    await Promise.all([job(), job(), job()]);
    // Within one transaction each job sees the uncommitted rows of the jobs before it.
    expect(seen).toEqual([0, 1, 2]);
    expect(await orgIds()).toHaveLength(3);
  });

  it('tells its failure listeners of every job that failed, alone or in a group, and nothing of those that committed', async () => {
    const heard: unknown[] = [];
    queue.onJobFailed((error) => heard.push(error));
    await expect(queue.run(() => Promise.reject(new Error('alone')))).rejects.toThrow('alone');
    await Promise.allSettled([addOrg('a'), queue.run(() => Promise.reject(new Error('in a group'))), addOrg('b')]);
    expect(heard.map((e) => (e as Error).message)).toEqual(['alone', 'in a group']);
  });
});
