import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditHub } from '../../backend/audit/stream/hub';
import { acquireLease } from '../../backend/schedule/lease';
import { bodyOf } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { anotherWorkspace } from '../support/other-workspace';

let ws: TestWorkspace;
let stop: AbortController;

beforeEach(async () => {
  stop = new AbortController();
  ws = await createTestWorkspace();
});
afterEach(() => {
  stop.abort();
  ws.close();
});

/** A hub that has looked at the workspace's head once (a key's first look wakes its streams, whatever the head). */
async function hubLookingAt(orgId: string, pollMs: number): Promise<AuditHub> {
  const hub = new AuditHub(ws.deps, pollMs);
  const changes = hub.signalOf(orgId);
  const first = changes.waitForCommit(changes.version, 5_000, stop.signal);
  await hub.check();
  expect(await first).toBe(true);
  return hub;
}

describe('the audit stream hub', () => {
  it('wakes a waiting stream at a local commit that adds audit rows, without waiting for its poll', async () => {
    // A poll this slow cannot be what wakes it within the test's timeout.
    const changes = (await hubLookingAt(ws.orgId, 60_000)).signalOf(ws.orgId);
    const waited = changes.waitForCommit(changes.version, 5_000, stop.signal);
    const started = Date.now();
    await bodyOf(await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Ana' } }), 201);
    expect(await waited).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('does not wake for commits that add no audit rows', async () => {
    const changes = (await hubLookingAt(ws.orgId, 50)).signalOf(ws.orgId);
    const waited = changes.waitForCommit(changes.version, 400, stop.signal);
    // A schedule's lease: a commit of the write queue, but nothing a stream sends.
    expect(await acquireLease(ws.deps, 'a job', 'this process', 60_000)).toBe(true);
    expect(await waited).toBe(false);
  });

  it("does not wake a workspace's streams for audit rows of another workspace", async () => {
    const hub = await hubLookingAt(ws.orgId, 50);
    const changes = hub.signalOf(ws.orgId);
    const waited = changes.waitForCommit(changes.version, 400, stop.signal);
    await anotherWorkspace(ws).change();
    expect(await waited).toBe(false);
    // The same hub still wakes the workspace's streams for its own rows.
    const next = changes.waitForCommit(changes.version, 5_000, stop.signal);
    await bodyOf(await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Bo' } }), 201);
    expect(await next).toBe(true);
  });

  it('looks less often after commits while looks are slow (many workspaces watched), and still wakes its streams', async () => {
    // A look that takes 50 ms, as thousands of watched workspaces would: under a burst of commits the next waits ~450 ms.
    let looks = 0;
    class SlowHub extends AuditHub {
      protected override async readHeads(orgIds: string[]): Promise<Map<string, number>> {
        looks += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
        return super.readHeads(orgIds);
      }
    }
    const hub = new SlowHub(ws.deps, 60_000);
    const changes = hub.signalOf(ws.orgId);
    const first = changes.waitForCommit(changes.version, 5_000, stop.signal);
    await hub.check();
    expect(await first).toBe(true);

    const waited = changes.waitForCommit(changes.version, 5_000, stop.signal);
    looks = 0;
    // Commits that add no audit row, for about half a second: looked at back to back, that would be ten looks.
    const until = Date.now() + 500;
    for (let i = 0; Date.now() < until; i += 1) await acquireLease(ws.deps, `a job ${i}`, 'this process', 60_000);
    expect(looks).toBeLessThanOrEqual(3);

    await bodyOf(await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Cy' } }), 201);
    expect(await waited).toBe(true);
  });
});
