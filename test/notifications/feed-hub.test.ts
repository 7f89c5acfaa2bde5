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

describe('the notification feed hub', () => {
  it('wakes a waiting stream at a local commit, without waiting for its poll', async () => {
    // A poll this slow cannot be what wakes it within the test's timeout.
    const hub = new NotificationFeedHub(ws.deps, 60_000);
    const watch = await makeWatch(ws, ws.users.lead.id, 'filter');
    await hub.check();
    const waited = hub.waitForCommit(hub.version, 5_000, stop.signal);
    const started = Date.now();
    await raise(ws, ws.users.lead.id, watch);
    expect(await waited).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("wakes a waiting stream when another process's commit moves the feed, by polling", async () => {
    other = await bootstrap({ databaseUrl: `file:${join(dir, 'auditdesk.db')}`, log: createLogger('silent') });
    const hub = new NotificationFeedHub(other, 50);
    const watch = await makeWatch(ws, ws.users.lead.id, 'filter');
    await hub.check();
    const waited = hub.waitForCommit(hub.version, 5_000, stop.signal);
    await raise(ws, ws.users.lead.id, watch);
    expect(await waited).toBe(true);
  });

  it('does not wake for commits that leave the feed as it was', async () => {
    const hub = new NotificationFeedHub(ws.deps, 50);
    await hub.check();
    const waited = hub.waitForCommit(hub.version, 400, stop.signal);
    await makeWatch(ws, ws.users.lead.id, 'filter');
    expect(await waited).toBe(false);
  });
});
