import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/audit-event';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

async function history(id: string): Promise<AuditEvent[]> {
  const res = await ws.call('GET', `/api/v1/customers/${id}/audit`, { token: ws.tokens.agent });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: AuditEvent[] }).items;
}

describe('customers', () => {
  it('records a create as one row holding the snapshot', async () => {
    const res = await ws.call('POST', '/api/v1/customers', {
      token: ws.tokens.agent,
      body: { name: 'Ana Ruiz', emails: ['ana@example.com'], custom: { plan: 'gold' } },
    });
    expect(res.status).toBe(201);
    const customer = (await res.json()) as { id: string };
    const [row, ...rest] = await history(customer.id);
    expect(rest).toHaveLength(0);
    expect(row).toMatchObject({
      event: 'create',
      category: 'customer',
      section: 'customer',
      property: null,
      before: null,
      actor: { type: 'user', id: ws.users.agent.id, name: ws.users.agent.name },
      subject: { type: 'customer', id: customer.id, label: 'Ana Ruiz' },
    });
    expect(row!.after).toMatchObject({ name: 'Ana Ruiz', emails: ['ana@example.com'], custom: { plan: 'gold' } });
  });

  it('records one row per changed property, sharing one change id', async () => {
    const { id } = (await (
      await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Ana', tags: ['vip'] } })
    ).json()) as { id: string };
    const res = await ws.call('PATCH', `/api/v1/customers/${id}`, {
      token: ws.tokens.agent,
      body: { name: 'Ana Ruiz', tags: ['vip', 'churn-risk'], custom: { plan: 'gold' } },
    });
    expect(res.status).toBe(200);
    const rows = (await history(id)).filter((r) => r.event === 'update');
    expect(rows.map((r) => [r.property, r.before, r.after])).toEqual(
      expect.arrayContaining([
        ['name', 'Ana', 'Ana Ruiz'],
        ['tags', ['vip'], ['vip', 'churn-risk']],
        ['custom.plan', null, 'gold'],
      ]),
    );
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.changeId)).size).toBe(1);
  });

  it('writes no audit row for an update that changes nothing', async () => {
    const { id } = (await (
      await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Ana', custom: { plan: 'gold' } } })
    ).json()) as { id: string };
    const before = await history(id);
    const res = await ws.call('PATCH', `/api/v1/customers/${id}`, {
      token: ws.tokens.agent,
      body: { name: 'Ana', custom: { plan: 'gold' } },
    });
    expect(res.status).toBe(200);
    expect(await history(id)).toEqual(before);
  });

  it('removes a custom attribute set to null and records its old value', async () => {
    const { id } = (await (
      await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Ana', custom: { plan: 'gold' } } })
    ).json()) as { id: string };
    const res = await ws.call('PATCH', `/api/v1/customers/${id}`, { token: ws.tokens.agent, body: { custom: { plan: null } } });
    expect(((await res.json()) as { custom: object }).custom).toEqual({});
    const [latest] = await history(id);
    expect(latest).toMatchObject({ property: 'custom.plan', before: 'gold', after: null });
  });
});
