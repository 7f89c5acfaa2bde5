import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verificationJob } from '../../backend/audit/verify/schedule';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { createSecondOrg, type SecondOrg } from '../support/second-org';

let ws: TestWorkspace;
let other: SecondOrg;
beforeAll(async () => {
  ws = await createTestWorkspace();
  other = await createSecondOrg(ws);
});
afterAll(() => ws.close());

async function scheduledRuns() {
  const { rows } = await ws.deps.db.writerClient.execute(
    "select org_id, ok, checked, first_bad_seq from audit_verifications where trigger = 'schedule' order by org_id",
  );
  return rows.map((r) => ({ orgId: r[0], ok: Number(r[1]) === 1, checked: Number(r[2]), firstBadSeq: r[3] }));
}

describe('the background verification', () => {
  it('verifies every workspace’s chain and records each run as a scheduled one', async () => {
    const job = verificationJob({ ...ws.deps, schedule: { checkpointMinutes: 60, verifyMinutes: 30 } });
    expect(await job.tick()).toBe(true);
    await job.stop();
    const runs = await scheduledRuns();
    expect(runs.map((r) => r.orgId)).toEqual([ws.orgId, other.orgId].sort());
    expect(runs.every((r) => r.ok && r.checked > 0 && r.firstBadSeq === null)).toBe(true);
  });

  it('records what it finds when a chain was tampered with', async () => {
    // As an attacker with the database file would: triggers off, a stored value changed.
    await ws.deps.db.writerClient.execute('drop trigger audit_events_append_only_update');
    const { rows } = await ws.deps.db.writerClient.execute({ sql: 'select seq from audit_events where org_id = ? order by seq limit 1 offset 1', args: [ws.orgId] });
    const seq = Number(rows[0]![0]);
    await ws.deps.db.writerClient.execute({ sql: "update audit_events set actor_name = 'Someone Else' where org_id = ? and seq = ?", args: [ws.orgId, seq] });
    // The next scheduled run, half an hour after the one the test before made.
    const later = () => new Date(Date.now() + 30 * 60_000);
    const job = verificationJob({ ...ws.deps, now: later, schedule: { checkpointMinutes: 60, verifyMinutes: 30 } });
    expect(await job.tick()).toBe(true);
    await job.stop();
    const { rows: latest } = await ws.deps.db.writerClient.execute({
      sql: "select ok, first_bad_seq from audit_verifications where org_id = ? and trigger = 'schedule' order by finished_at desc, rowid desc limit 1",
      args: [ws.orgId],
    });
    expect(Number(latest[0]![0])).toBe(0);
    expect(Number(latest[0]![1])).toBe(seq);
  });
});
