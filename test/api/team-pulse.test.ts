import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentRowsOf } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

const agentRows = (userId: string) => agentRowsOf(ws, userId);

function pulse(token: string, userId: string, body: unknown) {
  return ws.call('PUT', `/api/v1/team-pulse/agents/${userId}/status`, { token, body });
}

describe('team pulse', () => {
  it('files an admin’s status change from the chart under team pulse', async () => {
    const agent = ws.users.agent;
    await ws.call('PUT', `/api/v1/routing/agents/${agent.id}/status`, { token: ws.tokens.agent, body: { status: 'available' } });
    const before = (await agentRows(agent.id)).length;

    const res = await pulse(ws.tokens.admin, agent.id, { status: 'offline' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: agent.id, name: agent.name, status: 'offline', online: false, routable: false });

    const rows = (await agentRows(agent.id)).slice(before);
    expect(rows.map((r) => [r.property, r.before, r.after])).toEqual([
      ['online', true, false],
      ['status', 'available', 'offline'],
      ['routable', true, false],
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({
        event: 'status_changed',
        category: 'work_session',
        section: 'team_pulse',
        subject: { type: 'agent', id: agent.id, label: agent.name },
        actor: { type: 'user', id: ws.users.admin.id, name: ws.users.admin.name },
        context: { via: 'team_pulse' },
      });
    }
    expect(new Set(rows.map((r) => r.changeId)).size).toBe(1);
  });

  it('creates the routing state of an agent who never had one, filed under team pulse', async () => {
    const res = await pulse(ws.tokens.admin, ws.users.lead.id, { status: 'busy' });
    expect(res.status).toBe(200);
    const rows = await agentRows(ws.users.lead.id);
    expect(rows.map((r) => [r.event, r.property])).toEqual([
      ['create', null],
      ['status_changed', 'online'],
      ['status_changed', 'status'],
    ]);
    for (const row of rows) expect(row).toMatchObject({ section: 'team_pulse', context: { via: 'team_pulse' } });
  });

  it('is for admins only, even for one’s own status', async () => {
    expect((await pulse(ws.tokens.lead, ws.users.agent.id, { status: 'away' })).status).toBe(403);
    expect((await pulse(ws.tokens.agent, ws.users.agent.id, { status: 'away' })).status).toBe(403);
    expect(await agentRows(ws.users.agent.id)).toEqual([]);
  });

  it('answers 404 for an unknown agent and 400 for fields the chart does not set', async () => {
    expect((await pulse(ws.tokens.admin, ws.deps.newId(), { status: 'away' })).status).toBe(404);
    expect((await pulse(ws.tokens.admin, ws.users.agent.id, { status: 'away', capacity: 3 })).status).toBe(400);
    expect(await agentRows(ws.users.agent.id)).toEqual([]);
  });
});
