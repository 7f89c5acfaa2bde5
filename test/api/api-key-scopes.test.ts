import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/audit-event';
import { DEFAULT_API_KEY_SCOPES } from '../../shared/permissions';
import { newApiKeySecret, sha256 } from '../../backend/auth/tokens';
import { apiKeys } from '../../backend/db/schema';
import { auditRowsOf, bodyOf } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

interface Key {
  id: string;
  secret: string;
  scopes: string[];
}

const admin = (method: string, path: string, body?: unknown) => ws.call(method, path, { token: ws.tokens.admin, ...(body === undefined ? {} : { body }) });

async function createKey(scopes?: string[]): Promise<Key> {
  return bodyOf<Key>(await admin('POST', '/api/v1/api-keys', { name: 'Sync', kind: 'api', ...(scopes ? { scopes } : {}) }), 201);
}

async function newCustomer(token: string): Promise<string> {
  return (await bodyOf<{ id: string }>(await ws.call('POST', '/api/v1/customers', { token, body: { name: 'Ana' } }), 201)).id;
}

describe('API key scopes', () => {
  it('are given at creation and shown by the create, list and rotate answers', async () => {
    const key = await createKey(['audit:read', 'events:ingest']);
    expect(key.scopes).toEqual(['audit:read', 'events:ingest']);
    const list = await bodyOf<{ items: Key[] }>(await admin('GET', '/api/v1/api-keys'), 200);
    expect(list.items).toEqual([expect.objectContaining({ id: key.id, scopes: ['audit:read', 'events:ingest'] })]);
    const rotated = await bodyOf<Key>(await admin('POST', `/api/v1/api-keys/${key.id}/rotate`), 200);
    expect(rotated.scopes).toEqual(['audit:read', 'events:ingest']);
  });

  it('default to what an automation could always do when none are named', async () => {
    expect((await createKey()).scopes).toEqual(DEFAULT_API_KEY_SCOPES);
  });

  it('keep a key made before scopes working with the defaults the migration gave it', async () => {
    // Inserted without naming the column, as every key that existed when the column was added.
    const secret = newApiKeySecret();
    const now = Date.now();
    await ws.deps.db.writerClient.execute({
      sql: `insert into api_keys (id, org_id, name, kind, prefix, secret_hash, created_at, updated_at) values (?, ?, 'Legacy', 'api', ?, ?, ?, ?)`,
      args: [ws.deps.newId(), ws.orgId, secret.slice(0, 10), sha256(secret), now, now],
    });
    const [row] = await ws.deps.db.reader.select().from(apiKeys).where(eq(apiKeys.secretHash, sha256(secret)));
    expect(row?.scopes).toEqual(DEFAULT_API_KEY_SCOPES);
    const customerId = await newCustomer(secret);
    expect((await ws.call('GET', `/api/v1/customers/${customerId}/audit`, { token: secret })).status).toBe(200);
  });

  it('answer 400 to an unknown scope, an empty list or a scope named twice, and write no key', async () => {
    for (const scopes of [['entities:read', 'billing:write'], [], ['audit:read', 'audit:read'], 'audit:read']) {
      const res = await admin('POST', '/api/v1/api-keys', { name: 'Sync', kind: 'api', scopes });
      expect(res.status, JSON.stringify(scopes)).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_request', details: [expect.objectContaining({ path: expect.stringMatching(/^scopes/) })] } });
    }
    expect(await ws.deps.db.reader.select().from(apiKeys)).toEqual([]);
  });

  it('are changed by PATCH, take effect on the key’s next request, and a 403 names the scope it lacks', async () => {
    const key = await createKey(['entities:read']);
    expect((await ws.call('GET', '/api/v1/customers', { token: key.secret })).status).toBe(200);
    const changed = await bodyOf<Key>(await admin('PATCH', `/api/v1/api-keys/${key.id}`, { scopes: ['audit:read'] }), 200);
    expect(changed).toMatchObject({ id: key.id, scopes: ['audit:read'] });
    const refused = await ws.call('GET', '/api/v1/customers', { token: key.secret });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: { code: 'forbidden', message: 'This API key lacks the scope entities:read.' } });
  });

  it('record a change of scopes under settings › access with before and after, and nothing for a PATCH that changes nothing', async () => {
    const key = await createKey(['entities:read']);
    await bodyOf(await admin('PATCH', `/api/v1/api-keys/${key.id}`, { scopes: ['entities:read', 'events:ingest'] }), 200);
    await bodyOf(await admin('PATCH', `/api/v1/api-keys/${key.id}`, { scopes: ['entities:read', 'events:ingest'] }), 200);
    const rows = await auditRowsOf(ws, key.id);
    expect(rows.map((r) => [r.event, r.property])).toEqual([
      ['key_created', null],
      ['update', 'scopes'],
    ]);
    expect(rows[1]).toMatchObject({
      category: 'settings',
      section: 'access',
      subject: { type: 'api_key', id: key.id, label: 'Sync' },
      actor: { type: 'user', id: ws.users.admin.id },
      before: ['entities:read'],
      after: ['entities:read', 'events:ingest'],
    });
  });

  it('answer 400 to an invalid PATCH and 409 to changing a revoked key, changing nothing', async () => {
    const key = await createKey(['entities:read']);
    expect((await admin('PATCH', `/api/v1/api-keys/${key.id}`, { scopes: [] })).status).toBe(400);
    expect((await admin('PATCH', `/api/v1/api-keys/${key.id}`, { scopes: ['audit:read'], name: 'Renamed' })).status).toBe(400);
    expect((await admin('DELETE', `/api/v1/api-keys/${key.id}`)).status).toBe(204);
    expect((await admin('PATCH', `/api/v1/api-keys/${key.id}`, { scopes: ['audit:read'] })).status).toBe(409);
    const [row] = await ws.deps.db.reader.select().from(apiKeys);
    expect(row?.scopes).toEqual(['entities:read']);
  });

  it('bound what a key may restore from the log: seeing the event takes audit:read, putting the value back entities:write', async () => {
    const customerId = await newCustomer(ws.tokens.agent);
    await bodyOf(await ws.call('PATCH', `/api/v1/customers/${customerId}`, { token: ws.tokens.agent, body: { tags: ['vip'] } }), 200);
    const [update] = (await auditRowsOf(ws, customerId)).filter((row: AuditEvent) => row.property === 'tags');
    const restore = (key: Key) => ws.call('POST', `/api/v1/audit/${update!.id}/restore`, { token: key.secret, body: { force: true } });

    const writer = await restore(await createKey(['entities:write']));
    expect(writer.status).toBe(403);
    expect(await writer.json()).toMatchObject({ error: { message: 'This API key lacks the scope audit:read.' } });
    const reader = await restore(await createKey(['audit:read']));
    expect(reader.status).toBe(403);
    expect(await reader.json()).toMatchObject({ error: { message: 'This API key lacks the scope entities:write.' } });
    expect((await restore(await createKey(['audit:read', 'entities:write']))).status).toBe(200);
  });
});
