import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_LINKS } from '../../backend/audit/definition';
import { appendAudit, type AuditDraft } from '../../backend/audit/engine';
import type { Actor } from '../../backend/audit/context';
import { notifications, watches, watchMatches } from '../../backend/db/schema';
import { bumpWatchGeneration } from '../../backend/entities/watches/generation';
import { createWatch } from '../../backend/entities/watches/changes';
import { bodyOf } from '../support/audit-rows';
import { createCustomerAndConversation } from '../support/fixtures';
import type { TestWorkspace } from '../support/harness';
import { createSecondOrg } from '../support/second-org';
import { matchedEventIds, notificationsOf, patchConversation, watch, workspaceWithClock } from './watch-support';

let ws: TestWorkspace;
let clock: { at: number };
let conversation: { id: string; customerId: string };
beforeEach(async () => {
  ({ ws, clock } = await workspaceWithClock());
  conversation = await createCustomerAndConversation(ws, { name: 'Refund for order 1182' });
});
afterEach(() => ws.close());

const MINUTE = 60_000;
const later = (ms: number) => {
  clock.at += ms;
};

describe('a subject watch', () => {
  it('notifies its owner of another person’s change to the conversation, naming it and linking to it', async () => {
    const watched = await watch(ws, 'lead', { subject: { type: 'conversation', id: conversation.id } });
    await patchConversation(ws, 'agent', conversation.id, { status: 'done' });
    const [notification, ...more] = await notificationsOf(ws, ws.users.lead.id);
    expect(more).toEqual([]);
    expect(notification).toMatchObject({
      watchId: watched.id,
      title: 'Conversation “Refund for order 1182”',
      body: 'Agent Person changed status: “open” → “done”',
      count: 1,
      category: 'conversation',
      subjectType: 'conversation',
      subjectId: conversation.id,
      subjectLabel: 'Refund for order 1182',
      link: { kind: 'subject', type: 'conversation', id: conversation.id },
      readAt: null,
    });
    expect(await matchedEventIds(ws, watched.id)).toEqual([notification!.firstEventId]);
  });

  it('names the people a change assigns, as the panel does, rather than their ids', async () => {
    await watch(ws, 'lead', { subject: { type: 'conversation', id: conversation.id, property: 'assignedUsers' } });
    await patchConversation(ws, 'admin', conversation.id, { assignedUsers: [ws.users.agent.id] });
    const [notification] = await notificationsOf(ws, ws.users.lead.id);
    expect(notification?.body).toBe(`Admin Person changed assignedUsers: none → ${ws.users.agent.name}`);
  });

  it('with a property, notifies only of changes to that property', async () => {
    const watched = await watch(ws, 'lead', { subject: { type: 'conversation', id: conversation.id, property: 'status' } });
    await patchConversation(ws, 'agent', conversation.id, { priority: 'urgent' });
    expect(await notificationsOf(ws, ws.users.lead.id)).toEqual([]);
    await patchConversation(ws, 'agent', conversation.id, { status: 'done', priority: 'low' });
    const notes = await notificationsOf(ws, ws.users.lead.id);
    expect(notes.map((n) => [n.watchId, n.count])).toEqual([[watched.id, 1]]);
  });

  it('with a value, notifies only when the property changes to that value', async () => {
    await watch(ws, 'lead', { subject: { type: 'conversation', id: conversation.id, property: 'status', value: 'done' } });
    await patchConversation(ws, 'agent', conversation.id, { status: 'snoozed', snoozedUntil: '2026-12-24T09:00:00.000Z' });
    expect(await notificationsOf(ws, ws.users.lead.id)).toEqual([]);
    await patchConversation(ws, 'agent', conversation.id, { status: 'done' });
    expect((await notificationsOf(ws, ws.users.lead.id)).map((n) => n.body)).toEqual(['Agent Person changed status: “snoozed” → “done”']);
  });

  it('of a customer, follows the customer’s own changes', async () => {
    await watch(ws, 'lead', { subject: { type: 'customer', id: conversation.customerId } });
    await patchConversation(ws, 'agent', conversation.id, { priority: 'high' });
    expect(await notificationsOf(ws, ws.users.lead.id)).toEqual([]);
    await bodyOf(await ws.call('PATCH', `/api/v1/customers/${conversation.customerId}`, { token: ws.tokens.agent, body: { name: 'Ana Ruiz' } }), 200);
    expect((await notificationsOf(ws, ws.users.lead.id)).map((n) => [n.title, n.body])).toEqual([
      ['Customer “Ana Ruiz”', 'Agent Person changed name: “Ana” → “Ana Ruiz”'],
    ]);
  });

  it('leaves out the owner’s own changes unless asked to include them', async () => {
    const mine = await watch(ws, 'agent', { subject: { type: 'conversation', id: conversation.id } });
    const mineToo = await watch(ws, 'agent', { subject: { type: 'conversation', id: conversation.id }, includeOwn: true });
    await patchConversation(ws, 'agent', conversation.id, { status: 'done' });
    expect((await notificationsOf(ws, ws.users.agent.id)).map((n) => n.watchId)).toEqual([mineToo.id]);
    expect(await matchedEventIds(ws, mine.id)).toEqual([]);
  });

  it('stays silent while paused and after it is deleted', async () => {
    const watched = await watch(ws, 'lead', { subject: { type: 'conversation', id: conversation.id }, paused: true });
    await patchConversation(ws, 'agent', conversation.id, { status: 'done' });
    await bodyOf(await ws.call('PATCH', `/api/v1/watches/${watched.id}`, { token: ws.tokens.lead, body: { paused: false } }), 200);
    await patchConversation(ws, 'agent', conversation.id, { status: 'open' });
    expect(await notificationsOf(ws, ws.users.lead.id)).toHaveLength(1);
    await bodyOf(await ws.call('DELETE', `/api/v1/watches/${watched.id}`, { token: ws.tokens.lead }), 204);
    later(MINUTE);
    await patchConversation(ws, 'agent', conversation.id, { status: 'done' });
    expect(await notificationsOf(ws, ws.users.lead.id)).toHaveLength(1);
  });
});

describe('the watches a write is matched against', () => {
  it('never include a watch made in a transaction that rolled back', async () => {
    const other = await createCustomerAndConversation(ws, { name: 'Elsewhere' });
    await watch(ws, 'lead', { subject: { type: 'conversation', id: other.id } });
    const ctx = { ...ws.systemCtx(), actor: { type: 'user' as const, id: ws.users.lead.id, name: ws.users.lead.name } };
    const made = ws.deps.writes.run(async (tx) => {
      await createWatch(tx, ctx, { orgId: ws.orgId, userId: ws.users.lead.id }, {
        name: 'Never committed',
        target: { subjectType: 'conversation', subjectId: conversation.id, property: null, value: null, filter: null },
        threshold: null,
        includeOwn: false,
        paused: false,
      });
      throw new Error('the request failed after making the watch');
    });
    await expect(made).rejects.toThrow('the request failed');
    await patchConversation(ws, 'agent', conversation.id, { status: 'done' });
    expect(await notificationsOf(ws, ws.users.lead.id)).toEqual([]);
  });

  it('are this process’s cached ones until the workspace’s generation says another process changed them', async () => {
    await watch(ws, 'lead', { subject: { type: 'conversation', id: conversation.id } });
    await patchConversation(ws, 'agent', conversation.id, { priority: 'high' }); // this process now holds the watches
    // Another process adds a watch: its row, then its generation.
    const id = ws.deps.newId();
    const row = {
      id,
      orgId: ws.orgId,
      ownerId: ws.users.admin.id,
      name: 'From another process',
      subjectType: 'conversation' as const,
      subjectId: conversation.id,
      property: null,
      value: null,
      filter: null,
      threshold: null,
      includeOwn: false,
      paused: false,
      createdAt: new Date(clock.at),
      updatedAt: new Date(clock.at),
      deletedAt: null,
    };
    await ws.deps.writes.run((tx) => tx.insert(watches).values(row));
    later(MINUTE);
    await patchConversation(ws, 'agent', conversation.id, { priority: 'low' });
    expect(await matchedEventIds(ws, id)).toEqual([]);
    await ws.deps.writes.run((tx) => bumpWatchGeneration(tx, ws.orgId));
    later(MINUTE);
    await patchConversation(ws, 'agent', conversation.id, { priority: 'urgent' });
    expect(await matchedEventIds(ws, id)).toHaveLength(1);
  });

  it('never report a change to the watch itself, even with the owner’s own changes included', async () => {
    const watched = await watch(ws, 'admin', { filter: 'section=notifications', includeOwn: true });
    await bodyOf(await ws.call('PATCH', `/api/v1/watches/${watched.id}`, { token: ws.tokens.admin, body: { name: 'Alert changes' } }), 200);
    expect(await matchedEventIds(ws, watched.id)).toEqual([]);
    const another = await watch(ws, 'admin', { filter: 'event=login' });
    expect(await matchedEventIds(ws, watched.id)).toHaveLength(1);
    expect(another.id).not.toBe(watched.id);
  });
});

describe('bursts', () => {
  it('grows one notification for changes within 10 s of its first, and raises a new one after', async () => {
    const watched = await watch(ws, 'lead', { subject: { type: 'conversation', id: conversation.id } });
    await patchConversation(ws, 'agent', conversation.id, { status: 'done', priority: 'high' });
    later(4_000);
    await patchConversation(ws, 'agent', conversation.id, { status: 'open' });
    later(5_999);
    await patchConversation(ws, 'agent', conversation.id, { priority: 'urgent' });
    let notes = await notificationsOf(ws, ws.users.lead.id);
    expect(notes.map((n) => [n.count, n.title, n.body])).toEqual([
      [4, '4 changes to Conversation “Refund for order 1182”', 'Latest: Agent Person changed priority: “high” → “urgent”'],
    ]);
    expect(await matchedEventIds(ws, watched.id)).toHaveLength(4);

    later(1);
    await patchConversation(ws, 'agent', conversation.id, { priority: 'low' });
    notes = await notificationsOf(ws, ws.users.lead.id);
    expect(notes.map((n) => n.count)).toEqual([4, 1]);
  });

  it('makes a grown notification unread again', async () => {
    await watch(ws, 'lead', { subject: { type: 'conversation', id: conversation.id } });
    await patchConversation(ws, 'agent', conversation.id, { status: 'done' });
    await ws.deps.writes.run((tx) => tx.update(notifications).set({ readAt: clock.at }));
    later(1_000);
    await patchConversation(ws, 'agent', conversation.id, { status: 'open' });
    expect((await notificationsOf(ws, ws.users.lead.id)).map((n) => [n.count, n.readAt])).toEqual([[2, null]]);
  });
});

describe('a filter watch', () => {
  it('notifies of the events the filter selects, in the log’s words, linking to the log around them', async () => {
    const watched = await watch(ws, 'admin', { filter: 'category=settings&section=business_rule' });
    expect(watched.name).toBe('Settings · Business rule');
    await patchConversation(ws, 'agent', conversation.id, { status: 'done' });
    const rule = await bodyOf<{ id: string }>(
      await ws.call('POST', '/api/v1/business-rules', { token: ws.tokens.admin, body: { name: 'VIP routing', trigger: { on: 'created' } } }),
      201,
    );
    expect(await notificationsOf(ws, ws.users.admin.id)).toEqual([]); // the admin's own change
    const other = await watch(ws, 'admin', { filter: 'category=settings&section=business_rule', includeOwn: true });
    await bodyOf(await ws.call('PATCH', `/api/v1/business-rules/${rule.id}`, { token: ws.tokens.admin, body: { name: 'VIP first' } }), 200);
    const [note, ...rest] = await notificationsOf(ws, ws.users.admin.id);
    expect(rest).toEqual([]);
    const from = new Date(clock.at).toISOString();
    const to = new Date(clock.at + 10_000).toISOString();
    expect(note).toMatchObject({
      watchId: other.id,
      title: 'Settings · Business rule',
      body: 'Admin Person changed name of Business rule “VIP first”: “VIP routing” → “VIP first”',
      category: 'settings',
      link: { kind: 'log', filter: new URLSearchParams({ category: 'settings', section: 'business_rule', from, to }).toString() },
    });
  });

  it('matches nothing of another workspace', async () => {
    const other = await createSecondOrg(ws);
    const watched = await watch(ws, 'admin', { filter: '', includeOwn: true });
    later(MINUTE);
    await bodyOf(await ws.call('PATCH', `/api/v1/conversations/${other.ids.conversation}`, { token: other.tokens.agent, body: { status: 'done' } }), 200);
    await bodyOf(await ws.call('PATCH', `/api/v1/customers/${other.ids.customer}`, { token: other.tokens.admin, body: { name: 'Elsewhere' } }), 200);
    expect(await matchedEventIds(ws, watched.id)).toEqual([]);
    await patchConversation(ws, 'agent', conversation.id, { status: 'done' });
    expect(await matchedEventIds(ws, watched.id)).toHaveLength(1);
  });
});

describe('role scoping at match time', () => {
  const routingChange = async () => {
    await bodyOf(await ws.call('PUT', `/api/v1/routing/agents/${ws.users.agent.id}/status`, { token: ws.tokens.agent, body: { status: 'available' } }), 200);
  };

  it('stops a demoted lead’s work-session watch, and the write that would have matched still succeeds', async () => {
    const watched = await watch(ws, 'lead', { filter: 'section=routing' });
    await routingChange();
    expect((await matchedEventIds(ws, watched.id)).length).toBeGreaterThan(0);
    const before = await matchedEventIds(ws, watched.id);
    await bodyOf(await ws.call('PATCH', `/api/v1/users/${ws.users.lead.id}`, { token: ws.tokens.admin, body: { role: 'agent' } }), 200);
    later(MINUTE);
    await bodyOf(await ws.call('PUT', `/api/v1/routing/agents/${ws.users.agent.id}/status`, { token: ws.tokens.agent, body: { status: 'away' } }), 200);
    expect(await matchedEventIds(ws, watched.id)).toEqual(before);
  });

  it('narrows a demoted admin’s settings filter to nothing instead of refusing the write', async () => {
    const watched = await watch(ws, 'admin', { filter: 'category=settings&category=conversation' });
    await bodyOf(await ws.call('PATCH', `/api/v1/users/${ws.users.admin.id}`, { token: ws.tokens.admin, body: { name: 'Former Admin' } }), 200);
    // Another admin is needed to demote this one: make the lead an admin first.
    await bodyOf(await ws.call('PATCH', `/api/v1/users/${ws.users.lead.id}`, { token: ws.tokens.admin, body: { role: 'admin' } }), 200);
    await bodyOf(await ws.call('PATCH', `/api/v1/users/${ws.users.admin.id}`, { token: ws.tokens.lead, body: { role: 'agent' } }), 200);
    const matchedBefore = await matchedEventIds(ws, watched.id);
    later(MINUTE);
    await bodyOf(
      await ws.call('POST', '/api/v1/business-rules', { token: ws.tokens.lead, body: { name: 'After the demotion', trigger: { on: 'created' } } }),
      201,
    );
    await patchConversation(ws, 'agent', conversation.id, { status: 'done' });
    const matched = (await matchedEventIds(ws, watched.id)).filter((id) => !matchedBefore.includes(id));
    // The conversation change is still theirs to read; the new rule is not.
    expect(matched).toHaveLength(1);
    const presented = await bodyOf<{ narrowed: boolean }>(await ws.call('GET', `/api/v1/watches/${watched.id}`, { token: ws.tokens.admin }), 200);
    expect(presented.narrowed).toBe(true);
  });

  it('gives a disabled owner nothing', async () => {
    const watched = await watch(ws, 'lead', { subject: { type: 'conversation', id: conversation.id } });
    await bodyOf(await ws.call('PATCH', `/api/v1/users/${ws.users.lead.id}`, { token: ws.tokens.admin, body: { disabled: true } }), 200);
    await patchConversation(ws, 'agent', conversation.id, { status: 'done' });
    expect(await matchedEventIds(ws, watched.id)).toEqual([]);
  });
});

describe('a threshold', () => {
  const failedSignIn = async (actor: Actor) => {
    const draft: AuditDraft = {
      event: 'login_failed',
      category: 'authorization',
      section: 'user_login',
      subject: { type: 'user', id: ws.users.agent.id, label: ws.users.agent.name },
      links: NO_LINKS,
      property: null,
      before: null,
      after: null,
    };
    await ws.deps.writes.run((tx) => appendAudit(tx, { ...ws.systemCtx(), actor }, [draft]));
  };
  const system: Actor = { type: 'system', id: null, name: 'System' };

  it('fires once when the count is reached within the window, then waits for a quiet period to re-arm', async () => {
    const watched = await watch(ws, 'admin', { filter: 'event=login_failed', threshold: { count: 3, minutes: 10, quietMinutes: 30 } });
    expect(watched.name).toBe('3+ failed sign-ins in 10 min');
    const notes = () => notificationsOf(ws, ws.users.admin.id);
    await failedSignIn(system);
    later(4 * MINUTE);
    await failedSignIn(system);
    expect(await notes()).toEqual([]);
    later(4 * MINUTE);
    await failedSignIn(system);
    expect((await notes()).map((n) => [n.count, n.title])).toEqual([[3, 'Threshold reached: 3+ failed sign-ins in 10 min']]);
    const [fired] = await notes();
    const named = await ws.deps.db.reader.select().from(watchMatches).where(eq(watchMatches.notificationId, fired!.id));
    expect(named.map((m) => m.eventId).sort()).toEqual((await matchedEventIds(ws, watched.id)).slice(0, 3));
    const presented = await bodyOf<{ lastNotifiedAt: string | null }>(await ws.call('GET', `/api/v1/watches/${watched.id}`, { token: ws.tokens.admin }), 200);
    expect(presented.lastNotifiedAt).toBe(new Date(fired!.updatedAt).toISOString());
    for (let i = 0; i < 4; i++) {
      later(10 * MINUTE); // matches keep coming, never 30 quiet minutes: no second notification
      await failedSignIn(system);
    }
    expect(await notes()).toHaveLength(1);
    later(30 * MINUTE);
    await failedSignIn(system); // re-armed: counting starts afresh with this one
    later(MINUTE);
    await failedSignIn(system);
    expect(await notes()).toHaveLength(1);
    later(MINUTE);
    await failedSignIn(system);
    expect((await notes()).map((n) => n.count)).toEqual([3, 3]);
  });

  it('counts only the matches within its window', async () => {
    await watch(ws, 'admin', { filter: 'event=login_failed', threshold: { count: 3, minutes: 5 } });
    for (let i = 0; i < 6; i++) {
      await failedSignIn(system);
      later(3 * MINUTE);
    }
    expect(await notificationsOf(ws, ws.users.admin.id)).toEqual([]);
  });

  it('per actor, counts each actor on their own', async () => {
    await watch(ws, 'admin', { filter: 'event=login_failed', threshold: { count: 3, minutes: 10, perActor: true } });
    const ana: Actor = { type: 'api', id: ws.deps.newId(), name: 'Ana Script' };
    const bo: Actor = { type: 'api', id: ws.deps.newId(), name: 'Bo Script' };
    for (const actor of [ana, bo, ana, bo]) await failedSignIn(actor);
    expect(await notificationsOf(ws, ws.users.admin.id)).toEqual([]);
    await failedSignIn(bo);
    const notes = await notificationsOf(ws, ws.users.admin.id);
    expect(notes.map((n) => [n.count, n.body.startsWith('3 matching events by Bo Script')])).toEqual([[3, true]]);
  });
});
