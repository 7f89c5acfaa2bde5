import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './client';
import { ReadWorker } from './read-worker';

// Counts to a few million inside SQLite: a read that is still running when the database is closed.
const LONG_READ = 'with recursive n(i) as (select 1 union all select i + 1 from n limit 5000000) select count(*) from n';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the bulk-read worker', () => {
  it('closes while a read is running without taking the process down, and fails that read', async () => {
    dir = mkdtempSync(join(tmpdir(), 'auditdesk-worker-'));
    const path = join(dir, 'a.db');
    (await openDatabase({ url: `file:${path}` })).close();
    const worker = new ReadWorker(path, 1_000);
    expect(await worker.firstColumn('select 1', [])).toEqual([1]);

    const running = worker.firstColumn(LONG_READ, []);
    await new Promise((resolve) => setTimeout(resolve, 100));
    worker.close();
    await expect(running).rejects.toThrow('The database is closed.');
    // Long enough for the read to end inside the closing thread: a terminated native call aborted the process here.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(process.exitCode ?? 0).toBe(0);
  });
});
