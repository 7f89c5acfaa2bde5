import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootstrap } from '../../backend/bootstrap';
import type { AppDeps } from '../../backend/deps';
import { createLogger } from '../../backend/logger';
import { NotificationFeedHub } from '../../backend/notifications/feed-hub';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { makeWatch, raise } from './support';

let dir: string;
let ws: TestWorkspace;
let other: AppDeps | undefined;
let stop: AbortController;

beforeEach(async () => {
  stop = new AbortController();
  dir = mkdtempSync(join(tmpdir(), 'auditdesk-hub-'));
  ws = await createTestWorkspace({ databaseUrl: `file:${join(dir, 'auditdesk.db')}` });
});
afterEach(() => {
  stop.abort();
  other?.db.close();
  other = undefined;
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A hub that has looked at `userId`'s head once (a key's first look wakes its streams, whatever the head). */
async function hubLookingAt(deps: AppDeps, userId: string, pollMs: number): Promise<NotificationFeedHub> {
  const hub = new NotificationFeedHub(deps, pollMs);
  const changes = hub.signalOf(userId);
  const first = changes.waitForCommit(changes.version, 5_000, stop.signal);
  await hub.check();
  expect(await first).toBe(true);
  return hub;
}

describe('the notification feed hub', () => {
  it('wakes a waiting stream at a local commit, without waiting for its poll', async () => {
    // A poll this slow cannot be what wakes it within the test's timeout.
    const changes = (await hubLookingAt(ws.deps, ws.users.lead.id, 60_000)).signalOf(ws.users.lead.id);
    const watch = await makeWatch(ws, ws.users.lead.id, 'filter');
    const waited = changes.waitForCommit(changes.version, 5_000, stop.signal);
    const started = Date.now();
    await raise(ws, ws.users.lead.id, watch);
    expect(await waited).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("wakes a waiting stream when another process's commit moves the feed, by polling", async () => {
    other = await bootstrap({ databaseUrl: `file:${join(dir, 'auditdesk.db')}`, log: createLogger('silent') });
    const changes = (await hubLookingAt(other, ws.users.lead.id, 50)).signalOf(ws.users.lead.id);
    const watch = await makeWatch(ws, ws.users.lead.id, 'filter');
    const waited = changes.waitForCommit(changes.version, 5_000, stop.signal);
    await raise(ws, ws.users.lead.id, watch);
    expect(await waited).toBe(true);
  });

  it('does not wake for commits that leave the feed as it was', async () => {
    const changes = (await hubLookingAt(ws.deps, ws.users.lead.id, 50)).signalOf(ws.users.lead.id);
    const waited = changes.waitForCommit(changes.version, 400, stop.signal);
    await makeWatch(ws, ws.users.lead.id, 'filter');
    expect(await waited).toBe(false);
  });

  it("does not wake a person's stream for another person's notification", async () => {
    const hub = await hubLookingAt(ws.deps, ws.users.lead.id, 50);
    const lead = hub.signalOf(ws.users.lead.id);
    const waited = lead.waitForCommit(lead.version, 400, stop.signal);
    await raise(ws, ws.users.admin.id, await makeWatch(ws, ws.users.admin.id, 'filter'));
    expect(await waited).toBe(false);
    // The lead's own notification still wakes it.
    const watch = await makeWatch(ws, ws.users.lead.id, 'filter');
    const next = lead.waitForCommit(lead.version, 5_000, stop.signal);
    await raise(ws, ws.users.lead.id, watch);
    expect(await next).toBe(true);
  });
});
