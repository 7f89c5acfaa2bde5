import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootstrap } from '../../backend/bootstrap';
import type { AppDeps } from '../../backend/deps';
import { createLogger } from '../../backend/logger';
import { periodicJob, type PeriodicJob } from '../../backend/schedule/every';
import { acquireLease, claimPeriod, leaseAvailable, leasesHeldElsewhere, releaseLease } from '../../backend/schedule/lease';

const START = Date.UTC(2026, 10, 2, 9, 0, 0);
const MINUTE = 60_000;

let dir: string;
let clock: number;
let processes: AppDeps[];
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'auditdesk-lease-'));
  clock = START;
  // Two servers sharing one database file, on one clock the test moves.
  const open = () => bootstrap({ databaseUrl: `file:${join(dir, 'db.sqlite')}`, log: createLogger('silent'), now: () => new Date(clock) });
  const first = await open();
  processes = [first, await open()];
});
afterEach(() => {
  for (const deps of processes) deps.db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The same job in each process, counting the runs of each. */
function jobs(intervalMs = 60 * MINUTE): { jobs: PeriodicJob[]; runs: number[] } {
  const runs = processes.map(() => 0);
  const made = processes.map((deps, i) =>
    periodicJob(deps, {
      name: 'test-job',
      intervalMs,
      pollMs: MINUTE,
      run: async () => {
        runs[i]! += 1;
      },
    }),
  );
  return { jobs: made, runs };
}

describe('leases', () => {
  it('are held by one holder until they expire, renewed by that holder, and free once released', async () => {
    const [a, b] = processes as [AppDeps, AppDeps];
    expect(await acquireLease(a, 'l', 'holder-a', 3 * MINUTE)).toBe(true);
    expect(await acquireLease(b, 'l', 'holder-b', 3 * MINUTE)).toBe(false);
    clock += 2 * MINUTE;
    expect(await acquireLease(a, 'l', 'holder-a', 3 * MINUTE)).toBe(true);
    clock += 2 * MINUTE;
    // Renewed at +2 min for 3 min: still a's at +4 min.
    expect(await acquireLease(b, 'l', 'holder-b', 3 * MINUTE)).toBe(false);
    clock += MINUTE;
    expect(await acquireLease(b, 'l', 'holder-b', 3 * MINUTE)).toBe(true);
    expect(await acquireLease(a, 'l', 'holder-a', 3 * MINUTE)).toBe(false);
    await releaseLease(a, 'l', 'holder-a');
    expect(await acquireLease(a, 'l', 'holder-a', 3 * MINUTE)).toBe(false);
    await releaseLease(b, 'l', 'holder-b');
    expect(await acquireLease(a, 'l', 'holder-a', 3 * MINUTE)).toBe(true);
  });

  it('claim a period for one caller of many asking at once, the same holder included, until it ends', async () => {
    const asks = processes.flatMap((deps, p) => Array.from({ length: 5 }, (_, i) => claimPeriod(deps, 'p', `holder-${p}-${i % 2}`, 10 * MINUTE)));
    expect((await Promise.all(asks)).filter(Boolean)).toHaveLength(1);
    clock += 10 * MINUTE - 1;
    expect(await claimPeriod(processes[1]!, 'p', 'holder-1-0', 10 * MINUTE)).toBe(false);
    clock += 1;
    expect(await claimPeriod(processes[1]!, 'p', 'holder-1-0', 10 * MINUTE)).toBe(true);
  });

  it('go to exactly one of many holders asking at once', async () => {
    const asks = processes.flatMap((deps, p) => Array.from({ length: 5 }, (_, i) => acquireLease(deps, 'race', `holder-${p}-${i}`, MINUTE)));
    expect((await Promise.all(asks)).filter(Boolean)).toHaveLength(1);
  });

  it('are named held elsewhere, all at once, exactly when one by one they are not available', async () => {
    const [a, b] = processes as [AppDeps, AppDeps];
    expect(await acquireLease(b, 'theirs', 'holder-b', 3 * MINUTE)).toBe(true);
    expect(await acquireLease(b, 'lapsed', 'holder-b', MINUTE)).toBe(true);
    expect(await acquireLease(a, 'mine', 'holder-a', 3 * MINUTE)).toBe(true);
    clock += 2 * MINUTE;
    const names = ['theirs', 'lapsed', 'mine', 'nobody'];
    const elsewhere = await leasesHeldElsewhere(a, names, 'holder-a');
    expect([...elsewhere]).toEqual(['theirs']);
    for (const name of names) expect(await leaseAvailable(a, name, 'holder-a')).toBe(!elsewhere.has(name));
  });
});

describe('a periodic job on two servers sharing the database', () => {
  it('runs in only one of them at each tick, once per interval', async () => {
    const { jobs: [a, b], runs } = jobs();
    expect(await a!.tick()).toBe(true);
    expect(await b!.tick()).toBe(false);
    expect(runs).toEqual([1, 0]);
    for (let minute = 1; minute <= 60; minute++) {
      clock += MINUTE;
      await Promise.all([a!.tick(), b!.tick()]);
    }
    expect(runs).toEqual([2, 0]);
  });

  it('is taken over by the other server when its holder dies, once its lease has expired, and run when the interval its holder started ends', async () => {
    const { jobs: [a, b], runs } = jobs();
    await a!.tick();
    // a dies: it polls no more and never gives its lease up.
    clock += 2 * MINUTE;
    expect(await b!.tick()).toBe(false);
    clock += MINUTE;
    // b holds the lease now (a cannot take it back), but the interval a's run began is not over.
    expect(await b!.tick()).toBe(false);
    expect(await a!.tick()).toBe(false);
    clock = START + 60 * MINUTE;
    expect(await b!.tick()).toBe(true);
    expect(runs).toEqual([1, 1]);
  });

  it('is handed to the other server at its next poll when its holder stops, which runs it when the interval ends', async () => {
    const { jobs: [a, b], runs } = jobs();
    await a!.tick();
    await a!.stop();
    clock += MINUTE;
    expect(await b!.tick()).toBe(false);
    clock = START + 60 * MINUTE;
    expect(await b!.tick()).toBe(true);
    expect(runs).toEqual([1, 1]);
  });

  it('runs once per interval across restarts: a process started again waits for the interval its last run began', async () => {
    const { jobs: [a], runs } = jobs();
    expect(await a!.tick()).toBe(true);
    await a!.stop();
    const restarted = periodicJob(processes[0]!, { name: 'test-job', intervalMs: 60 * MINUTE, pollMs: MINUTE, run: async () => void (runs[0]! += 1) });
    expect(await restarted.tick()).toBe(false);
    clock = START + 60 * MINUTE;
    expect(await restarted.tick()).toBe(true);
    expect(runs).toEqual([2, 0]);
  });

  it('keeps running after a run that failed', async () => {
    let calls = 0;
    const job = periodicJob(processes[0]!, {
      name: 'failing',
      intervalMs: MINUTE,
      run: async () => {
        calls += 1;
        throw new Error('boom');
      },
    });
    expect(await job.tick()).toBe(true);
    clock += MINUTE;
    expect(await job.tick()).toBe(true);
    expect(calls).toBe(2);
  });
});
