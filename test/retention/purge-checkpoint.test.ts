import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bufferOf } from '../../backend/audit/chain/append';
import { openCheckpoint } from '../../backend/audit/chain/checkpoint';
import { latestCheckpointOf } from '../../backend/audit/checkpoints/queries';
import { retentionPurgeJob } from '../../backend/audit/retention/scheduler';
import { runVerification } from '../../backend/audit/verify/run';
import { appendEventAt } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-06-01T12:00:00.000Z');

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace({ now: () => new Date(NOW) });
});
afterEach(() => ws.close());

/** A customer rename recorded at `at` (epoch ms). */
function eventAt(at: number, word: string): Promise<void> {
  return appendEventAt(ws, at, 'customer', word);
}

async function head(): Promise<{ seq: number; hash: string }> {
  const { rows } = await ws.deps.db.writerClient.execute({ sql: 'select seq, hash from audit_chain_heads where org_id = ?', args: [ws.orgId] });
  return { seq: Number(rows[0]![0]), hash: bufferOf(rows[0]![1]).toString('hex') };
}

const purgeJob = () => retentionPurgeJob({ ...ws.deps, log: ws.deps.log });

describe('the scheduled retention purge', () => {
  it('signs a checkpoint of the workspace right after a purge that removed rows, covering the purged event, and the log still verifies', async () => {
    await eventAt(NOW - 400 * DAY, 'old');
    await eventAt(NOW - 390 * DAY, 'older');
    const job = purgeJob();
    expect(await job.tick()).toBe(true);
    await job.stop();

    const checkpoint = await latestCheckpointOf(ws.deps.db.reader, ws.orgId);
    expect(checkpoint).toMatchObject({ reason: 'purge', ...(await head()) });
    const { rows } = await ws.deps.db.writerClient.execute({ sql: "select seq from audit_events where org_id = ? and event = 'purged'", args: [ws.orgId] });
    expect(Number(rows[0]![0])).toBe(checkpoint!.seq);
    expect(openCheckpoint(ws.deps.signing.publicKey, checkpoint!)).not.toBeNull();
    expect(await runVerification(ws.deps, ws.orgId, 'demand', { full: true })).toMatchObject({ ok: true, firstBadSeq: null });
  });

  it('signs nothing when nothing had expired', async () => {
    await eventAt(NOW - 10 * DAY, 'recent');
    const job = purgeJob();
    expect(await job.tick()).toBe(true);
    await job.stop();
    expect(await latestCheckpointOf(ws.deps.db.reader, ws.orgId)).toBeNull();
  });
});
