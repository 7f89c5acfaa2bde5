import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notificationFeed, notifications, watchMatches } from '../../backend/db/schema';
import { notificationPruneJob, pruneNotifications } from '../../backend/notifications/prune';
import { appendFeed } from '../../backend/notifications/store';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { events, grow, makeWatch, raise } from './support';

const DAY = 24 * 60 * 60 * 1000;
const START = Date.parse('2026-01-01T00:00:00Z');

let ws: TestWorkspace;
let clock = START;
beforeEach(async () => {
  clock = START;
  ws = await createTestWorkspace({ now: () => new Date(clock) });
});
afterEach(() => ws.close());

/** A match that counted towards a threshold and named no notification. */
async function unnamedMatch(watchId: string): Promise<string> {
  const eventId = ws.deps.newId();
  await ws.deps.writes.run((tx) => tx.insert(watchMatches).values({ watchId, eventId, orgId: ws.orgId, occurredAt: clock, actorId: null, notificationId: null }));
  return eventId;
}

async function state() {
  const db = ws.deps.db.reader;
  return {
    notifications: (await db.select({ id: notifications.id }).from(notifications).orderBy(asc(notifications.id))).map((r) => r.id),
    feed: (await db.select({ createdAt: notificationFeed.createdAt }).from(notificationFeed)).map((r) => (r.createdAt - START) / DAY),
    matches: (await db.select({ eventId: watchMatches.eventId }).from(watchMatches)).map((r) => r.eventId).sort(),
  };
}

describe('pruning notifications', () => {
  it('deletes stream entries older than 7 days, and notifications unchanged for 90 days with their matches', async () => {
    const lead = ws.users.lead.id;
    const watch = await makeWatch(ws, lead, 'subject');
    const threshold = await makeWatch(ws, lead, 'threshold');

    const old = await raise(ws, lead, watch, { events: events(ws, 2) });
    const grownLater = await raise(ws, lead, watch);
    const oldUnnamed = await unnamedMatch(threshold);
    clock = START + 50 * DAY;
    const middle = await raise(ws, lead, watch);
    await grow(ws, lead, watch, grownLater, events(ws, 1), '2 changes');
    clock = START + 95 * DAY;
    const recent = await raise(ws, lead, watch);
    const recentUnnamed = await unnamedMatch(threshold);
    clock = START + 100 * DAY;

    const before = await state();
    const report = await pruneNotifications(ws.deps);

    const after = await state();
    expect(after.notifications).toEqual([grownLater, middle, recent].sort());
    // Only the entry written on day 95 is within the week.
    expect(after.feed).toEqual([95]);
    const oldMatches = (await ws.deps.db.reader.select().from(watchMatches).where(eq(watchMatches.notificationId, old))).length;
    expect(oldMatches).toBe(0);
    expect(after.matches).not.toContain(oldUnnamed);
    expect(after.matches).toContain(recentUnnamed);
    expect(report).toEqual({
      feedEntries: before.feed.length - 1,
      notifications: 1,
      // The old notification's two events and the old threshold match.
      matches: 3,
    });
    expect(after.matches).toHaveLength(before.matches.length - 3);
  });

  it('is idempotent: a second run, as a process taking the lease over would make, deletes nothing more', async () => {
    const lead = ws.users.lead.id;
    const watch = await makeWatch(ws, lead, 'filter');
    await raise(ws, lead, watch);
    clock = START + 91 * DAY;
    await raise(ws, lead, watch);
    clock = START + 92 * DAY;

    const job = notificationPruneJob({ ...ws.deps, log: ws.deps.log });
    expect(await job.tick()).toBe(true);
    await job.stop();
    const pruned = await state();
    expect(pruned.notifications).toHaveLength(1);
    expect(pruned.feed).toEqual([91]);

    expect(await pruneNotifications(ws.deps)).toEqual({ feedEntries: 0, notifications: 0, matches: 0 });
    expect(await state()).toEqual(pruned);
  });

  it('runs in one process at a time, once an hour: a second holder waits for the lease, a third for the hour to end', async () => {
    const [first, second] = [notificationPruneJob({ ...ws.deps, log: ws.deps.log }), notificationPruneJob({ ...ws.deps, log: ws.deps.log })];
    expect(await first.tick()).toBe(true);
    expect(await second.tick()).toBe(false);
    await Promise.all([first.stop(), second.stop()]);
    expect(await second.tick()).toBe(false);
    const third = notificationPruneJob({ ...ws.deps, log: ws.deps.log });
    expect(await third.tick()).toBe(false);
    clock += 60 * 60_000;
    expect(await third.tick()).toBe(true);
    await third.stop();
  });

  it('deletes a long backlog of stream entries in batches, and keeps the young ones', async () => {
    const lead = ws.users.lead.id;
    await ws.deps.writes.run(async (tx) => {
      for (let i = 0; i < 1_201; i++) await appendFeed(tx, { orgId: ws.orgId, userId: lead, kind: 'read', readIds: null }, clock);
    });
    clock = START + 8 * DAY;
    await ws.deps.writes.run((tx) => appendFeed(tx, { orgId: ws.orgId, userId: lead, kind: 'read', readIds: null }, clock));

    expect((await pruneNotifications(ws.deps)).feedEntries).toBe(1_201);
    expect((await state()).feed).toEqual([8]);
  });
});
