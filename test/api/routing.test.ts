import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEntity } from '../../backend/audit/engine';
import { userEntity } from '../../backend/auth/user-entity';
import { organizations, queues, teams } from '../../backend/db/schema';
import { agentRowsOf, auditRowsOf, conversationHistoryOf } from '../support/audit-rows';
import { createCustomerAndConversation } from '../support/fixtures';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

const agentRows = (userId: string) => agentRowsOf(ws, userId);

const conversationHistory = (id: string) => conversationHistoryOf(ws, id);

async function newConversation(body: Record<string, unknown> = {}): Promise<string> {
  return (await createCustomerAndConversation(ws, { name: 'Where is my order?', ...body })).id;
}

/** Queues and teams are plain workspace tables (not audited objects), so fixtures insert them directly. */
async function newQueue(name: string, orgId = ws.orgId): Promise<string> {
  const id = ws.deps.newId();
  await ws.deps.writes.run((tx) => tx.insert(queues).values({ id, orgId, name, createdAt: ws.deps.now() }));
  return id;
}

async function newTeam(name: string): Promise<string> {
  const id = ws.deps.newId();
  await ws.deps.writes.run((tx) => tx.insert(teams).values({ id, orgId: ws.orgId, name, createdAt: ws.deps.now() }));
  return id;
}

/** Another workspace in the same database, with one user. */
async function foreignOrg(): Promise<{ orgId: string; userId: string }> {
  const orgId = ws.deps.newId();
  const userId = await ws.deps.writes.run(async (tx) => {
    await tx.insert(organizations).values({ id: orgId, name: 'Other Co', createdAt: ws.deps.now() });
    const user = await createEntity(tx, { ...ws.systemCtx(), orgId }, userEntity, {
      email: 'someone@other.example',
      name: 'Someone Else',
      role: 'agent',
      passwordHash: 'x',
      disabledAt: null,
    });
    return user.id;
  });
  return { orgId, userId };
}

function setStatus(token: string, userId: string, body: Record<string, unknown>) {
  return ws.call('PUT', `/api/v1/routing/agents/${userId}/status`, { token, body });
}

async function queueRouterKey(): Promise<string> {
  const res = await ws.call('POST', '/api/v1/api-keys', { token: ws.tokens.admin, body: { name: 'Queue router', kind: 'queue_router' } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { secret: string }).secret;
}

describe('agent routing status', () => {
  it('records the first sign-on as a new offline state switched to available, in one change', async () => {
    const agent = ws.users.agent;
    const res = await setStatus(ws.tokens.agent, agent.id, { status: 'available' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: agent.id,
      name: agent.name,
      status: 'available',
      online: true,
      routable: true,
      capacity: 5,
      remainingCapacity: 5,
    });

    const rows = await agentRows(agent.id);
    const filed = { category: 'work_session', section: 'routing', actor: { type: 'user', id: agent.id, name: agent.name } };
    const subject = { type: 'agent', id: agent.id, label: agent.name };
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ ...filed, subject, event: 'create', property: null, before: null });
    expect(rows[0]!.after).toEqual({ online: false, status: 'offline', routable: false, capacity: 5, remainingCapacity: 5 });
    expect(rows.slice(1).map((r) => [r.event, r.property, r.before, r.after])).toEqual([
      ['status_changed', 'online', false, true],
      ['status_changed', 'status', 'offline', 'available'],
      ['status_changed', 'routable', false, true],
    ]);
    for (const row of rows) expect(row).toMatchObject({ ...filed, subject });
    expect(new Set(rows.map((r) => r.changeId)).size).toBe(1);
  });

  it('going away keeps the agent online but stops routing to them', async () => {
    const agent = ws.users.agent;
    await setStatus(ws.tokens.agent, agent.id, { status: 'available' });
    const before = (await agentRows(agent.id)).length;
    const res = await setStatus(ws.tokens.agent, agent.id, { status: 'away' });
    expect(res.status).toBe(200);
    const rows = (await agentRows(agent.id)).slice(before);
    expect(rows.map((r) => [r.event, r.property, r.before, r.after])).toEqual([
      ['status_changed', 'status', 'available', 'away'],
      ['status_changed', 'routable', true, false],
    ]);
  });

  it('records going offline', async () => {
    const agent = ws.users.agent;
    await setStatus(ws.tokens.agent, agent.id, { status: 'busy' });
    const before = (await agentRows(agent.id)).length;
    await setStatus(ws.tokens.agent, agent.id, { status: 'offline' });
    const rows = (await agentRows(agent.id)).slice(before);
    expect(rows.map((r) => [r.event, r.property, r.before, r.after])).toEqual([
      ['status_changed', 'online', true, false],
      ['status_changed', 'status', 'busy', 'offline'],
    ]);
  });

  it('records a new capacity as an update that keeps the conversations in progress', async () => {
    const agent = ws.users.agent;
    await setStatus(ws.tokens.lead, agent.id, { status: 'available', capacity: 4 });
    const key = await queueRouterKey();
    expect((await ws.call('PUT', `/api/v1/routing/agents/${agent.id}/capacity`, { token: key, body: { remainingCapacity: 2 } })).status).toBe(200);
    const before = (await agentRows(agent.id)).length;

    const res = await setStatus(ws.tokens.lead, agent.id, { status: 'available', capacity: 6 });
    expect(await res.json()).toMatchObject({ capacity: 6, remainingCapacity: 4 });
    const rows = (await agentRows(agent.id)).slice(before);
    expect(rows.map((r) => [r.event, r.property, r.before, r.after])).toEqual([
      ['update', 'capacity', 4, 6],
      ['update', 'remainingCapacity', 2, 4],
    ]);
  });

  it('writes nothing when the status is set to what it already is', async () => {
    await setStatus(ws.tokens.agent, ws.users.agent.id, { status: 'available' });
    const before = await agentRows(ws.users.agent.id);
    expect((await setStatus(ws.tokens.agent, ws.users.agent.id, { status: 'available' })).status).toBe(200);
    expect(await agentRows(ws.users.agent.id)).toEqual(before);
  });

  it('refuses an agent changing another agent’s status, and lets a lead do it as themselves', async () => {
    const res = await setStatus(ws.tokens.agent, ws.users.lead.id, { status: 'offline' });
    expect(res.status).toBe(403);
    expect(await agentRows(ws.users.lead.id)).toEqual([]);

    expect((await setStatus(ws.tokens.lead, ws.users.agent.id, { status: 'busy' })).status).toBe(200);
    const rows = await agentRows(ws.users.agent.id);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.actor).toEqual({ type: 'user', id: ws.users.lead.id, name: ws.users.lead.name });
  });

  it('refuses an agent setting their own capacity with 403, recorded as access_denied, and changes nothing', async () => {
    await setStatus(ws.tokens.agent, ws.users.agent.id, { status: 'available' });
    const before = await agentRows(ws.users.agent.id);

    const res = await setStatus(ws.tokens.agent, ws.users.agent.id, { status: 'available', capacity: 50 });

    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    expect(await agentRows(ws.users.agent.id)).toEqual(before);
    const denied = (await auditRowsOf(ws, ws.users.agent.id)).filter((r) => r.event === 'access_denied');
    expect(denied).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ id: ws.users.agent.id }),
        context: { method: 'PUT', route: '/api/v1/routing/agents/:userId/status', permission: 'routing:write' },
      }),
    ]);
  });

  it('lets a lead set an agent’s capacity', async () => {
    await setStatus(ws.tokens.agent, ws.users.agent.id, { status: 'available' });
    const res = await setStatus(ws.tokens.lead, ws.users.agent.id, { status: 'available', capacity: 8 });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ capacity: 8, remainingCapacity: 8 });
    expect((await agentRows(ws.users.agent.id)).at(-2)).toMatchObject({ property: 'capacity', before: 5, after: 8, actor: { id: ws.users.lead.id } });
  });

  it('answers 404 for an unknown user or a user of another workspace, and 400 for an unknown status', async () => {
    const { userId } = await foreignOrg();
    expect((await setStatus(ws.tokens.lead, userId, { status: 'available' })).status).toBe(404);
    expect((await setStatus(ws.tokens.lead, ws.deps.newId(), { status: 'available' })).status).toBe(404);
    const bad = await setStatus(ws.tokens.agent, ws.users.agent.id, { status: 'lunch' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    expect(await agentRows(userId)).toEqual([]);
  });

  it('lists agent states with the agents’ names', async () => {
    await setStatus(ws.tokens.agent, ws.users.agent.id, { status: 'available' });
    await setStatus(ws.tokens.lead, ws.users.lead.id, { status: 'away' });
    const res = await ws.call('GET', '/api/v1/routing/agents', { token: ws.tokens.agent });
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: Array<{ id: string; name: string; status: string }> };
    expect(items.map((a) => [a.name, a.status])).toEqual([
      ['Agent Person', 'available'],
      ['Lead Person', 'away'],
    ]);
  });
});

describe('remaining capacity', () => {
  it('records the queue router setting an agent’s remaining capacity, as the automation', async () => {
    await setStatus(ws.tokens.lead, ws.users.agent.id, { status: 'available', capacity: 3 });
    const before = (await agentRows(ws.users.agent.id)).length;
    const key = await queueRouterKey();
    const res = await ws.call('PUT', `/api/v1/routing/agents/${ws.users.agent.id}/capacity`, { token: key, body: { remainingCapacity: 1 } });
    expect(res.status).toBe(200);
    const rows = (await agentRows(ws.users.agent.id)).slice(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      event: 'update',
      category: 'work_session',
      section: 'routing',
      property: 'remainingCapacity',
      before: 3,
      after: 1,
      actor: { type: 'queue_router', name: 'Queue router' },
    });
  });

  it('refuses agents, capacities above the agent’s capacity, and agents without a routing state', async () => {
    await setStatus(ws.tokens.lead, ws.users.agent.id, { status: 'available', capacity: 3 });
    const path = `/api/v1/routing/agents/${ws.users.agent.id}/capacity`;
    expect((await ws.call('PUT', path, { token: ws.tokens.agent, body: { remainingCapacity: 1 } })).status).toBe(403);
    expect((await ws.call('PUT', path, { token: ws.tokens.lead, body: { remainingCapacity: 4 } })).status).toBe(400);
    const never = `/api/v1/routing/agents/${ws.users.admin.id}/capacity`;
    expect((await ws.call('PUT', never, { token: ws.tokens.lead, body: { remainingCapacity: 1 } })).status).toBe(404);
  });
});

describe('conversation routing', () => {
  it('records a conversation entering a queue, with its rule and IVR, in the conversation’s history', async () => {
    const conversationId = await newConversation();
    const queueId = await newQueue('Billing');
    const res = await ws.call('POST', `/api/v1/conversations/${conversationId}/routing/enqueue`, {
      token: ws.tokens.agent,
      body: { queueId, queueRule: 'Billing keywords', ivr: true },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ queueId, queueRule: 'Billing keywords', ivr: true });

    const rows = (await conversationHistory(conversationId)).filter((r) => r.event === 'queue_entered');
    expect(rows.map((r) => [r.property, r.before, r.after])).toEqual(
      expect.arrayContaining([
        ['queueId', null, queueId],
        ['queueRule', null, 'Billing keywords'],
        ['ivr', false, true],
      ]),
    );
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row).toMatchObject({
        category: 'work_session',
        section: 'routing',
        subject: { type: 'conversation', id: conversationId },
        actor: { type: 'user', id: ws.users.agent.id },
      });
    }
  });

  it('refuses a queue that does not exist or belongs to another workspace, writing nothing', async () => {
    const conversationId = await newConversation();
    const { orgId } = await foreignOrg();
    const foreignQueue = await newQueue('Theirs', orgId);
    const before = await conversationHistory(conversationId);
    for (const queueId of [foreignQueue, ws.deps.newId()]) {
      const res = await ws.call('POST', `/api/v1/conversations/${conversationId}/routing/enqueue`, { token: ws.tokens.agent, body: { queueId } });
      expect(res.status).toBe(400);
    }
    expect(await conversationHistory(conversationId)).toEqual(before);
  });

  it('answers 404 for routing an unknown conversation', async () => {
    const queueId = await newQueue('Billing');
    const res = await ws.call('POST', `/api/v1/conversations/${ws.deps.newId()}/routing/enqueue`, { token: ws.tokens.agent, body: { queueId } });
    expect(res.status).toBe(404);
  });

  it('records who accepted a conversation and takes one of their capacity in the same change', async () => {
    const agent = ws.users.agent;
    await setStatus(ws.tokens.lead, agent.id, { status: 'available', capacity: 2 });
    const conversationId = await newConversation();
    const agentBefore = (await agentRows(agent.id)).length;

    const res = await ws.call('POST', `/api/v1/conversations/${conversationId}/routing/accept`, { token: ws.tokens.agent, body: {} });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ acceptedBy: agent.id, assignedUsers: [agent.id] });

    const accepted = (await conversationHistory(conversationId)).filter((r) => r.event === 'accepted');
    expect(accepted.map((r) => [r.property, r.before, r.after])).toEqual(
      expect.arrayContaining([
        ['acceptedBy', null, agent.id],
        ['assignedUsers', [], [agent.id]],
      ]),
    );
    expect(accepted).toHaveLength(2);
    for (const row of accepted) expect(row).toMatchObject({ category: 'work_session', section: 'routing' });

    const capacity = (await agentRows(agent.id)).slice(agentBefore);
    expect(capacity).toHaveLength(1);
    expect(capacity[0]).toMatchObject({
      event: 'update',
      section: 'routing',
      property: 'remainingCapacity',
      before: 2,
      after: 1,
      context: { conversationId },
    });
    expect(new Set([...accepted, ...capacity].map((r) => r.changeId)).size).toBe(1);
  });

  it('takes no more capacity when the same agent accepts the conversation again', async () => {
    await setStatus(ws.tokens.lead, ws.users.agent.id, { status: 'available', capacity: 2 });
    const conversationId = await newConversation();
    const path = `/api/v1/conversations/${conversationId}/routing/accept`;
    await ws.call('POST', path, { token: ws.tokens.agent, body: {} });
    const [history, agent] = [await conversationHistory(conversationId), await agentRows(ws.users.agent.id)];
    expect((await ws.call('POST', path, { token: ws.tokens.agent, body: {} })).status).toBe(200);
    expect(await conversationHistory(conversationId)).toEqual(history);
    expect(await agentRows(ws.users.agent.id)).toEqual(agent);
  });

  it('lets only leads, admins and automations accept a conversation for someone else', async () => {
    const conversationId = await newConversation();
    const path = `/api/v1/conversations/${conversationId}/routing/accept`;
    expect((await ws.call('POST', path, { token: ws.tokens.agent, body: { userId: ws.users.lead.id } })).status).toBe(403);
    const res = await ws.call('POST', path, { token: ws.tokens.lead, body: { userId: ws.users.agent.id } });
    expect(res.status).toBe(200);
    const [row] = (await conversationHistory(conversationId)).filter((r) => r.property === 'acceptedBy');
    expect(row).toMatchObject({ event: 'accepted', after: ws.users.agent.id, actor: { id: ws.users.lead.id } });
    // The agent has no routing state, so there is no capacity to take.
    expect(await agentRows(ws.users.agent.id)).toEqual([]);
  });

  it('refuses accepting for a user of another workspace', async () => {
    const conversationId = await newConversation();
    const { userId } = await foreignOrg();
    const res = await ws.call('POST', `/api/v1/conversations/${conversationId}/routing/accept`, { token: ws.tokens.lead, body: { userId } });
    expect(res.status).toBe(400);
  });

  it('records the users and teams a conversation is assigned to', async () => {
    const conversationId = await newConversation();
    const teamId = await newTeam('Tier 2');
    const res = await ws.call('POST', `/api/v1/conversations/${conversationId}/routing/assign`, {
      token: ws.tokens.lead,
      body: { assignedUsers: [ws.users.agent.id], assignedTeams: [teamId] },
    });
    expect(res.status).toBe(200);
    const rows = (await conversationHistory(conversationId)).filter((r) => r.event === 'assigned');
    expect(rows.map((r) => [r.property, r.before, r.after])).toEqual(
      expect.arrayContaining([
        ['assignedUsers', [], [ws.users.agent.id]],
        ['assignedTeams', [], [teamId]],
      ]),
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatchObject({ category: 'work_session', section: 'routing', actor: { id: ws.users.lead.id } });
  });

  it('refuses assigning unknown users or teams, or an empty assignment', async () => {
    const conversationId = await newConversation();
    const path = `/api/v1/conversations/${conversationId}/routing/assign`;
    expect((await ws.call('POST', path, { token: ws.tokens.agent, body: { assignedUsers: [ws.deps.newId()] } })).status).toBe(400);
    expect((await ws.call('POST', path, { token: ws.tokens.agent, body: { assignedTeams: [ws.deps.newId()] } })).status).toBe(400);
    expect((await ws.call('POST', path, { token: ws.tokens.agent, body: {} })).status).toBe(400);
    expect((await conversationHistory(conversationId)).filter((r) => r.event === 'assigned')).toEqual([]);
  });
});

describe('queues', () => {
  it('lists the workspace’s queues and none of another’s', async () => {
    await newQueue('Billing');
    await newQueue('Returns');
    const { orgId } = await foreignOrg();
    await newQueue('Theirs', orgId);
    const res = await ws.call('GET', '/api/v1/routing/queues', { token: ws.tokens.agent });
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: Array<{ name: string }> };
    expect(items.map((q) => q.name)).toEqual(['Billing', 'Returns']);
  });
});
