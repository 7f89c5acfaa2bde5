import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/audit-event';
import { apiKeys } from '../../backend/db/schema';
import { auditRowsOf } from '../support/audit-rows';
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

  it('rotate to a new secret shown once: the old one stops working at once, the new one works', async () => {
    const key = await createKey('Nightly export', 'workflow');
    const res = await ws.call('POST', `/api/v1/api-keys/${key.id}/rotate`, { token: ws.tokens.admin });
    expect(res.status).toBe(200);
    const rotated = (await res.json()) as { id: string; secret: string; prefix: string };
    expect(rotated).toMatchObject({ id: key.id, name: 'Nightly export', kind: 'workflow', revokedAt: null });
    expect(rotated.secret).not.toBe(key.secret);
    expect(rotated.prefix).toBe(rotated.secret.slice(0, 10));
    expect((await ws.call('GET', '/api/v1/customers', { token: key.secret })).status).toBe(401);
    expect((await ws.call('GET', '/api/v1/customers', { token: rotated.secret })).status).toBe(200);
    const [row] = await ws.deps.db.reader.select().from(apiKeys);
    expect(JSON.stringify(row)).not.toContain(rotated.secret);
  });

  it('record creation, rotation and revocation under settings › access, with the prefix and never the secret', async () => {
    const key = await createKey('Shopify sync', 'api');
    const rotated = (await (await ws.call('POST', `/api/v1/api-keys/${key.id}/rotate`, { token: ws.tokens.admin })).json()) as {
      secret: string;
      prefix: string;
    };
    expect((await ws.call('DELETE', `/api/v1/api-keys/${key.id}`, { token: ws.tokens.admin })).status).toBe(204);
    const rows = await auditRowsOf(ws, key.id);
    expect(rows.map((r) => [r.event, r.property])).toEqual([
      ['key_created', null],
      ['key_rotated', 'prefix'],
      ['key_revoked', 'revokedAt'],
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({
        category: 'settings',
        section: 'access',
        subject: { type: 'api_key', id: key.id, label: 'Shopify sync' },
        actor: { type: 'user', id: ws.users.admin.id },
      });
    }
    expect(rows[1]).toMatchObject({ before: key.prefix, after: rotated.prefix });
    const recorded = JSON.stringify(rows);
    expect(recorded).not.toContain(key.secret);
    expect(recorded).not.toContain(rotated.secret);
  });

  it('cannot be rotated once revoked, nor rotated by anyone but an admin', async () => {
    const key = await createKey('Old router', 'queue_router');
    expect((await ws.call('POST', `/api/v1/api-keys/${key.id}/rotate`, { token: ws.tokens.lead })).status).toBe(403);
    expect((await ws.call('POST', `/api/v1/api-keys/${key.id}/rotate`, { token: key.secret })).status).toBe(403);
    expect((await ws.call('DELETE', `/api/v1/api-keys/${key.id}`, { token: ws.tokens.admin })).status).toBe(204);
    expect((await ws.call('POST', `/api/v1/api-keys/${key.id}/rotate`, { token: ws.tokens.admin })).status).toBe(409);
    expect((await ws.call('GET', '/api/v1/customers', { token: key.secret })).status).toBe(401);
  });
});

describe('API key rate limit', () => {
  let clock: number;
  beforeEach(async () => {
    ws.close();
    clock = Date.parse('2030-01-01T09:00:00.000Z');
    ws = await createTestWorkspace({ policy: { apiKeyRequestsPerMinute: 3 }, now: () => new Date(clock) });
  });

  it('answers 429 rate_limited with Retry-After once a key has used its requests for the minute', async () => {
    const key = await createKey('Chatty sync', 'api');
    for (let i = 0; i < 3; i++) expect((await ws.call('GET', '/api/v1/customers', { token: key.secret })).status).toBe(200);
    const limited = await ws.call('GET', '/api/v1/customers', { token: key.secret });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    // At 3 a minute, one more request is allowed every 20 seconds.
    expect(limited.headers.get('retry-after')).toBe('20');
  });

  it('lets the key work again after the wait it was told, one request per share of the minute', async () => {
    const key = await createKey('Chatty sync', 'api');
    for (let i = 0; i < 3; i++) await ws.call('GET', '/api/v1/customers', { token: key.secret });
    const wait = Number((await ws.call('GET', '/api/v1/customers', { token: key.secret })).headers.get('retry-after'));
    clock += wait * 1000;
    expect((await ws.call('GET', '/api/v1/customers', { token: key.secret })).status).toBe(200);
    expect((await ws.call('GET', '/api/v1/customers', { token: key.secret })).status).toBe(429);
  });

  it('counts each key on its own, keeps counting across a rotation and leaves signed-in people alone', async () => {
    const busy = await createKey('Busy', 'api');
    const quiet = await createKey('Quiet', 'api');
    for (let i = 0; i < 3; i++) await ws.call('GET', '/api/v1/customers', { token: busy.secret });
    expect((await ws.call('GET', '/api/v1/customers', { token: busy.secret })).status).toBe(429);
    expect((await ws.call('GET', '/api/v1/customers', { token: quiet.secret })).status).toBe(200);
    const rotated = (await (await ws.call('POST', `/api/v1/api-keys/${busy.id}/rotate`, { token: ws.tokens.admin })).json()) as { secret: string };
    expect((await ws.call('GET', '/api/v1/customers', { token: rotated.secret })).status).toBe(429);
    for (let i = 0; i < 5; i++) expect((await ws.call('GET', '/api/v1/customers', { token: ws.tokens.agent })).status).toBe(200);
  });
});
