import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCheckpoint } from '../../backend/audit/chain/checkpoint';
import { checkpointJob } from '../../backend/audit/checkpoints/schedule';
import { retentionPurgeJob } from '../../backend/audit/retention/scheduler';
import { runVerification } from '../../backend/audit/verify/run';
import { verificationJob } from '../../backend/audit/verify/schedule';
import type { AppDeps } from '../../backend/deps';
import type { PeriodicJob } from '../../backend/schedule/every';
import { appendEventAt } from '../support/audit-rows';
import { startTwoInstances, type TwoInstances } from '../support/instances-on-sqld';
import { manualClock } from '../support/sign-in-attempts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let both: TwoInstances;
const clock = manualClock();
const running: PeriodicJob[] = [];

beforeAll(async () => {
  both = await startTwoInstances({ now: clock.now });
}, 60_000);

afterAll(async () => {
  await Promise.all(running.map((job) => job.stop()));
  await both?.stop();
}, 30_000);

/**
 * One hourly job started in both instances, as each process's start does.
 * `tick()` polls both at once and answers how many ran it; `rollingRestart()`
 * stops and starts the job in A, then in B, ten minutes apart, polling both
 * after each, as a deploy that replaces the processes one by one would, and
 * answers how many runs that made.
 */
function onBothInstances(make: (deps: AppDeps) => PeriodicJob) {
  const instances = [both.a.deps, both.b.deps];
  const jobs = instances.map(make);
  running.push(...jobs);
  const tick = async () => (await Promise.all(jobs.map((job) => job.tick()))).filter(Boolean).length;
  return {
    tick,
    async rollingRestart() {
      let runs = 0;
      for (const i of [0, 1]) {
        await jobs[i]!.stop();
        jobs[i] = make(instances[i]!);
        running.push(jobs[i]!);
        clock.advance(5 * MINUTE);
        runs += await tick();
      }
      return runs;
    },
  };
}

/** A customer rename recorded now, through instance B's write queue. */
const changeThroughB = (word: string) => appendEventAt({ ...both.a, deps: both.b.deps }, clock.now().getTime(), 'customer', word);

async function rows(sql: string): Promise<unknown[][]> {
  const { rows } = await both.a.deps.db.writerClient.execute({ sql, args: [both.a.orgId] });
  return rows.map((row) => Array.from({ length: row.length }, (_, i) => row[i]));
}

describe('the schedules of two instances on one libSQL server', () => {
  it('record one verification run per period, not one per instance, through a rolling restart', async () => {
    clock.advance(DAY);
    const start = clock.now().getTime();
    const verification = onBothInstances((deps) => verificationJob(deps));
    const scheduledRuns = () => rows("select ok, finished_at from audit_verifications where org_id = ? and trigger = 'schedule' order by finished_at");

    expect(await verification.tick()).toBe(1);
    expect(await verification.rollingRestart()).toBe(0);
    expect(await scheduledRuns()).toHaveLength(1);

    clock.advance(start + HOUR - clock.now().getTime());
    expect(await verification.tick()).toBe(1);
    expect(await verification.tick()).toBe(0);
    const runs = await scheduledRuns();
    expect(runs.map(([ok, finishedAt]) => [Number(ok), Number(finishedAt) - start])).toEqual([
      [1, 0],
      [1, HOUR],
    ]);
  }, 30_000);

  it('sign one checkpoint per moved head per period, not one per instance, through a rolling restart', async () => {
    clock.advance(DAY);
    const start = clock.now().getTime();
    const checkpoints = onBothInstances((deps) => checkpointJob(deps));
    const scheduled = () => rows("select seq, payload, signature, signed_at from audit_checkpoints where org_id = ? and reason = 'schedule' order by seq");
    const headSeq = async () => Number((await rows('select seq from audit_chain_heads where org_id = ?'))[0]![0]);

    await changeThroughB('before the first checkpoint');
    expect(await checkpoints.tick()).toBe(1);
    const first = await headSeq();
    // The head moves during the deploy; the next period's run signs it.
    await changeThroughB('during the deploy');
    expect(await checkpoints.rollingRestart()).toBe(0);
    expect((await scheduled()).map(([seq]) => Number(seq))).toEqual([first]);

    clock.advance(start + HOUR - clock.now().getTime());
    expect(await checkpoints.tick()).toBe(1);
    expect(await checkpoints.tick()).toBe(0);
    const signed = await scheduled();
    expect(signed.map(([seq, , , signedAt]) => [Number(seq), Number(signedAt) - start])).toEqual([
      [first, 0],
      [await headSeq(), HOUR],
    ]);
    for (const [, payload, signature] of signed) {
      expect(openCheckpoint(both.a.deps.signing.publicKey, { payload: String(payload), signature: String(signature) })).not.toBeNull();
    }
  }, 30_000);

  it('purge a workspace past its retention once per period, not once per instance: one purged record, one set of tombstones, and the chain verifies', async () => {
    clock.advance(DAY);
    const start = clock.now().getTime();
    const purge = onBothInstances((deps) => retentionPurgeJob(deps));
    // Past the default 365 days now, and ten minutes from now; later rows keep both in the middle of the chain.
    await appendEventAt(both.a, start - 400 * DAY, 'customer', 'long expired');
    await appendEventAt(both.a, start - 365 * DAY + 10 * MINUTE, 'customer', 'expires during the deploy');
    await changeThroughB('kept');
    const purged = () => rows("select id, context from audit_events where org_id = ? and event = 'purged' order by seq");
    const tombstonePurgeIds = () => rows('select purge_id from audit_tombstones where org_id = ? order by seq');

    expect(await purge.tick()).toBe(1);
    expect(await purge.rollingRestart()).toBe(0);
    const [first, ...others] = await purged();
    expect(others).toHaveLength(0);
    expect(JSON.parse(String(first![1]))).toMatchObject({ count: 1, tombstones: 1 });
    expect(await tombstonePurgeIds()).toEqual([[first![0]]]);
    expect(await runVerification(both.b.deps, both.a.orgId, 'demand', { full: true })).toMatchObject({ ok: true, firstBadSeq: null });

    // The next period's run removes the row that expired meanwhile, once.
    clock.advance(start + HOUR - clock.now().getTime());
    expect(await purge.tick()).toBe(1);
    expect(await purge.tick()).toBe(0);
    const runs = await purged();
    expect(runs).toHaveLength(2);
    expect(JSON.parse(String(runs[1]![1]))).toMatchObject({ count: 1, tombstones: 1 });
    expect(await tombstonePurgeIds()).toEqual([[first![0]], [runs[1]![0]]]);
    expect(await runVerification(both.a.deps, both.a.orgId, 'demand', { full: true })).toMatchObject({ ok: true, firstBadSeq: null });
  }, 30_000);
});
