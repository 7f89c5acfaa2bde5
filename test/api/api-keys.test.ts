import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/audit-event';
import { apiKeys } from '../../backend/db/schema';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

async function createKey(name: string, kind: string) {
  const res = await ws.call('POST', '/api/v1/api-keys', { token: ws.tokens.admin, body: { name, kind } });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; secret: string; prefix: string };
}

describe('API keys', () => {
  it('let an automation change a customer with its kind and name as the actor', async () => {
    const key = await createKey('Auto-tag refunds', 'business_rule');
    const customer = (await (await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Ana' } })).json()) as {
      id: string;
    };
    const res = await ws.call('PATCH', `/api/v1/customers/${customer.id}`, { token: key.secret, body: { tags: ['refund'] } });
    expect(res.status).toBe(200);
    const history = (await (await ws.call('GET', `/api/v1/customers/${customer.id}/audit`, { token: ws.tokens.agent })).json()) as {
      items: AuditEvent[];
    };
    expect(history.items[0]).toMatchObject({
      actor: { type: 'business_rule', id: key.id, name: 'Auto-tag refunds' },
      property: 'tags',
      source: { apiKeyId: key.id },
    });
  });

  it('store only a hash of the secret and show the secret once', async () => {
    const key = await createKey('Shopify sync', 'api');
    const [row] = await ws.deps.db.reader.select().from(apiKeys);
    expect(JSON.stringify(row)).not.toContain(key.secret);
    const list = (await (await ws.call('GET', '/api/v1/api-keys', { token: ws.tokens.admin })).json()) as { items: object[] };
    expect(JSON.stringify(list)).not.toContain(key.secret);
    expect(list.items[0]).toMatchObject({ name: 'Shopify sync', kind: 'api', prefix: key.prefix });
  });

  it('stop working once revoked', async () => {
    const key = await createKey('Old router', 'queue_router');
    expect((await ws.call('GET', '/api/v1/customers', { token: key.secret })).status).toBe(200);
    expect((await ws.call('DELETE', `/api/v1/api-keys/${key.id}`, { token: ws.tokens.admin })).status).toBe(204);
    expect((await ws.call('GET', '/api/v1/customers', { token: key.secret })).status).toBe(401);
  });

  it('are managed by admins only', async () => {
    for (const token of [ws.tokens.agent, ws.tokens.lead]) {
      expect((await ws.call('POST', '/api/v1/api-keys', { token, body: { name: 'x', kind: 'api' } })).status).toBe(403);
      expect((await ws.call('GET', '/api/v1/api-keys', { token })).status).toBe(403);
    }
  });

  it('cannot manage settings or keys themselves', async () => {
    const key = await createKey('Integration', 'api');
    expect((await ws.call('POST', '/api/v1/api-keys', { token: key.secret, body: { name: 'x', kind: 'api' } })).status).toBe(403);
  });
});
