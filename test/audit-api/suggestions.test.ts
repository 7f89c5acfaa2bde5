import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actorSuggestions, propertySuggestions, sectionSuggestions } from '../../backend/audit/query/suggestions';
import { auditWhere } from '../../backend/audit/query/where';
import type { Principal } from '../../backend/auth/principal';
import { bodyOf } from '../support/audit-rows';
import { createAsAdmin } from '../support/fixtures';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

function admin(): Principal {
  return { orgId: ws.orgId, actor: { type: 'user', id: ws.users.admin.id, name: 'Admin' }, user: { id: ws.users.admin.id, email: 'a@x', name: 'Admin', role: 'admin' }, apiKey: null, sessionId: null };
}

/** Five customers made by the admin, then one renamed by the lead: the lead's row is the newest. */
async function adminThenLead(): Promise<void> {
  for (let i = 0; i < 5; i++) await createAsAdmin(ws, '/api/v1/customers', { name: `Customer ${i}` });
  const last = await createAsAdmin<{ id: string }>(ws, '/api/v1/customers', { name: 'Renamed soon' });
  const res = await ws.call('PATCH', `/api/v1/customers/${last.id}`, { token: ws.tokens.lead, body: { name: 'Renamed' } });
  await bodyOf(res, 200);
}

describe('the filter helpers suggest from the newest matching rows', () => {
  it('count the newest rows only, newest actor included, and say the answer is not complete', async () => {
    await adminThenLead();
    const where = await auditWhere(admin(), { category: ['customer'] });

    const actors = await actorSuggestions(ws.deps.db.reader, where, 2);
    expect(actors.complete).toBe(false);
    expect(actors.items.map((item) => [item.actor.name, item.count]).sort()).toEqual([
      [ws.users.admin.name, 1],
      [ws.users.lead.name, 1],
    ]);
    const sections = await sectionSuggestions(ws.deps.db.reader, where, 2);
    expect(sections).toEqual({ complete: false, items: [{ section: 'customer', count: 2 }] });
    const properties = await propertySuggestions(ws.deps.db.reader, where, 1);
    expect(properties).toEqual({ complete: false, items: [{ property: 'name', count: 1 }] });
  });

  it('say the answer is complete, with every row counted, when fewer rows match than are read', async () => {
    await adminThenLead();
    const res = await ws.call('GET', '/api/v1/audit/actors?category=customer', { token: ws.tokens.admin });
    const body = await bodyOf<{ complete: boolean; items: Array<{ actor: { name: string }; count: number }> }>(res, 200);

    expect(body.complete).toBe(true);
    const total = body.items.reduce((sum, item) => sum + item.count, 0);
    const log = await bodyOf<{ items: unknown[] }>(await ws.call('GET', '/api/v1/audit?category=customer&limit=200', { token: ws.tokens.admin }), 200);
    expect(total).toBe(log.items.length);
  });
});
