import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditHub } from '../../backend/audit/stream/hub';
import { acquireLease } from '../../backend/schedule/lease';
import { bodyOf } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

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

describe('the audit stream hub', () => {
  it('wakes a waiting stream at a local commit that adds audit rows, without waiting for its poll', async () => {
    // A poll this slow cannot be what wakes it within the test's timeout.
    const hub = new AuditHub(ws.deps, 60_000);
    await hub.check();
    const waited = hub.waitForCommit(hub.version, 5_000, stop.signal);
    const started = Date.now();
    await bodyOf(await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Ana' } }), 201);
    expect(await waited).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('does not wake for commits that add no audit rows', async () => {
    const hub = new AuditHub(ws.deps, 50);
    await hub.check();
    const waited = hub.waitForCommit(hub.version, 400, stop.signal);
    // A schedule's lease: a commit of the write queue, but nothing a stream sends.
    expect(await acquireLease(ws.deps, 'a job', 'this process', 60_000)).toBe(true);
    expect(await waited).toBe(false);
  });
});
