import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { teams } from '../../backend/db/schema';
import { bodyOf } from '../support/audit-rows';
import { createAsAdmin, createCustomerAndConversation } from '../support/fixtures';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { createSecondOrg } from '../support/second-org';

type Names = { names: Record<string, { type: string; name: string }> };

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

const namesAs = (token: string, ids: readonly string[]) => ws.call('GET', `/api/v1/audit/names?ids=${ids.join(',')}`, { token });

async function addTeam(name: string): Promise<string> {
  const id = ws.deps.newId();
  await ws.deps.writes.run((tx) => tx.insert(teams).values({ id, orgId: ws.orgId, name, createdAt: ws.deps.now() }));
  return id;
}

describe('GET /api/v1/audit/names', () => {
  it('names the users, teams, customers, companies and conversations an assignment or link points at', async () => {
    const team = await addTeam('Tier 2');
    const company = await createAsAdmin<{ id: string }>(ws, '/api/v1/companies', { name: 'Acme Ltd' });
    const conversation = await createCustomerAndConversation(ws, { name: 'Refund for order 1182' }, 'Ana Ruiz');
    const ids = [ws.users.lead.id, team, conversation.customerId, company.id, conversation.id];

    const { names } = await bodyOf<Names>(await namesAs(ws.tokens.agent, ids), 200);

    expect(names).toEqual({
      [ws.users.lead.id]: { type: 'user', name: ws.users.lead.name },
      [team]: { type: 'team', name: 'Tier 2' },
      [conversation.customerId]: { type: 'customer', name: 'Ana Ruiz' },
      [company.id]: { type: 'company', name: 'Acme Ltd' },
      [conversation.id]: { type: 'conversation', name: 'Refund for order 1182' },
    });
  });

  it('still names disabled users and deleted customers, whose changes stay in the history', async () => {
    const conversation = await createCustomerAndConversation(ws, { name: 'Old case' }, 'Gone Customer');
    await bodyOf(await ws.call('PATCH', `/api/v1/users/${ws.users.lead.id}`, { token: ws.tokens.admin, body: { disabled: true } }), 200);
    expect((await ws.call('DELETE', `/api/v1/customers/${conversation.customerId}`, { token: ws.tokens.admin })).status).toBe(204);

    const { names } = await bodyOf<Names>(await namesAs(ws.tokens.agent, [ws.users.lead.id, conversation.customerId]), 200);

    expect(names[ws.users.lead.id]).toEqual({ type: 'user', name: ws.users.lead.name });
    expect(names[conversation.customerId]).toEqual({ type: 'customer', name: 'Gone Customer' });
  });

  it('leaves out another org’s ids and ids that name nothing, without telling them apart', async () => {
    const other = await createSecondOrg(ws);
    const nowhere = ws.deps.newId();
    const ids = [ws.users.agent.id, other.ids.user, other.ids.customer, other.ids.company, other.ids.conversation, nowhere];

    const { names } = await bodyOf<Names>(await namesAs(ws.tokens.admin, ids), 200);

    expect(Object.keys(names)).toEqual([ws.users.agent.id]);
  });

  it('names business rules and API keys for admins only', async () => {
    const rule = await createAsAdmin<{ id: string }>(ws, '/api/v1/business-rules', {
      name: 'Escalate angry customers',
      description: 'Raise priority',
      trigger: { event: 'conversation.created' },
      criteria: { all: [] },
      actions: [],
    });
    const key = await createAsAdmin<{ id: string }>(ws, '/api/v1/api-keys', { name: 'Shopify sync', kind: 'api' });

    const forAdmin = await bodyOf<Names>(await namesAs(ws.tokens.admin, [rule.id, key.id]), 200);
    const forAgent = await bodyOf<Names>(await namesAs(ws.tokens.agent, [rule.id, key.id]), 200);

    expect(forAdmin.names).toEqual({ [rule.id]: { type: 'business_rule', name: 'Escalate angry customers' }, [key.id]: { type: 'api_key', name: 'Shopify sync' } });
    expect(forAgent.names).toEqual({});
  });

  it.each([
    ['no ids', ''],
    ['something that is not an id', 'not-an-id'],
    ['an empty item in the list', `${'0'.repeat(26)},`],
    ['more than 100 ids', Array.from({ length: 101 }, (_, i) => `01JD${String(i).padStart(22, '0')}`).join(',')],
  ])('answers 400 invalid_request for %s', async (_, ids) => {
    const res = await ws.call('GET', `/api/v1/audit/names?ids=${ids}`, { token: ws.tokens.agent });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_request' } });
  });

  it('answers 400 without the ids parameter, and 401 to anonymous callers', async () => {
    expect((await ws.call('GET', '/api/v1/audit/names', { token: ws.tokens.agent })).status).toBe(400);
    expect((await namesAs('', [ws.users.agent.id])).status).toBe(401);
  });

  it('accepts exactly 100 ids', async () => {
    const ids = [ws.users.agent.id, ...Array.from({ length: 99 }, () => ws.deps.newId())];
    const { names } = await bodyOf<Names>(await namesAs(ws.tokens.agent, ids), 200);
    expect(Object.keys(names)).toEqual([ws.users.agent.id]);
  });
});
