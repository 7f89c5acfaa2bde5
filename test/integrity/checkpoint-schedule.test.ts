import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointJob, signMovedHeads } from '../../backend/audit/checkpoints/schedule';
import { latestCheckpointOf } from '../../backend/audit/checkpoints/queries';
import { bodyOf } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { createSecondOrg, type SecondOrg } from '../support/second-org';

let ws: TestWorkspace;
let other: SecondOrg;
beforeAll(async () => {
  ws = await createTestWorkspace();
  other = await createSecondOrg(ws);
});
afterAll(() => ws.close());

async function addCustomer(name: string) {
  await bodyOf(await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name } }), 201);
}

describe('the checkpoint schedule', () => {
  it('signs every workspace whose chain head moved since its latest checkpoint, and only those', async () => {
    // The second workspace's head is signed already (its admin signed it last); this one's never was.
    const first = await signMovedHeads({ ...ws.deps, log: ws.deps.log });
    expect(first.map((c) => [c.orgId, c.reason])).toEqual([[ws.orgId, 'schedule']]);

    expect(await signMovedHeads({ ...ws.deps, log: ws.deps.log })).toEqual([]);

    await bodyOf(await ws.call('POST', '/api/v1/customers', { token: other.tokens.admin, body: { name: 'Olaf' } }), 201);
    const next = await signMovedHeads({ ...ws.deps, log: ws.deps.log });
    expect(next.map((c) => c.orgId)).toEqual([other.orgId]);
    const before = (await ws.deps.db.writerClient.execute({ sql: 'select digest, seq from audit_checkpoints where id = ?', args: [other.ids.checkpoint] })).rows[0]!;
    expect(next[0]!.previous).toBe(before[0]);
    expect(next[0]!.seq).toBeGreaterThan(Number(before[1]));
  });

  it('counts a checkpoint signed on demand: a head already signed is not signed again', async () => {
    await addCustomer('Bo');
    await bodyOf(await ws.call('POST', '/api/v1/audit/checkpoints', { token: ws.tokens.admin }), 201);
    expect(await signMovedHeads({ ...ws.deps, log: ws.deps.log })).toEqual([]);
  });

  it('runs as a lease-guarded periodic job that signs the heads that moved', async () => {
    await addCustomer('Cy');
    const job = checkpointJob({ ...ws.deps, log: ws.deps.log, schedule: { checkpointMinutes: 5, verifyMinutes: 60 } });
    expect(await job.tick()).toBe(true);
    await job.stop();
    const latest = await latestCheckpointOf(ws.deps.db.reader, ws.orgId);
    const { rows } = await ws.deps.db.writerClient.execute({ sql: 'select seq from audit_chain_heads where org_id = ?', args: [ws.orgId] });
    expect(latest).toMatchObject({ reason: 'schedule', seq: Number(rows[0]![0]) });
  });
});
