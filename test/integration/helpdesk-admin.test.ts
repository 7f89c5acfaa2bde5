import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundWebhook, InboundWebhookWithSecret } from '../../shared/api-client-integration-responses';
import { InboundWebhookBody, InboundWebhookListBody, InboundWebhookWithSecretBody } from '../../shared/api-client-integration-responses';
import * as v from 'valibot';
import { auditRowsOf, bodyOf } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { createInboundWebhook, deliver, listInboundWebhooks } from '../support/helpdesk';
import { createSecondOrg } from '../support/second-org';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

const sample = () => ({
  id: `evt-${ws.deps.newId()}`,
  occurredAt: new Date(ws.deps.now().getTime() - 1000).toISOString(),
  object: { type: 'customer', id: 'hd-1' },
  changes: { tier: { before: 'silver', after: 'gold' } },
});

describe('helpdesk webhooks (admin)', () => {
  it('creates a webhook with its URL and a secret shown once, and lists it without the secret', async () => {
    const created = await createInboundWebhook(ws, { name: 'Zendesk', source: 'zendesk' });
    expect(v.parse(InboundWebhookWithSecretBody, created)).toMatchObject({
      name: 'Zendesk',
      source: 'zendesk',
      url: `http://localhost/api/v1/hooks/helpdesk/${created.id}`,
      revokedAt: null,
      lastReceivedAt: null,
      lastRefusedAt: null,
      lastRefusal: null,
    });
    expect(created.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const listed = v.parse(InboundWebhookListBody, { items: await listInboundWebhooks(ws) }).items;
    expect(listed).toEqual([expect.objectContaining({ id: created.id, url: created.url })]);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
  });

  it('builds the URL from PUBLIC_URL when the server has one', async () => {
    const behindProxy = await createTestWorkspace({ policy: { publicUrl: 'https://audit.example.com' } });
    try {
      const created = await createInboundWebhook(behindProxy);
      expect(created.url).toBe(`https://audit.example.com/api/v1/hooks/helpdesk/${created.id}`);
    } finally {
      behindProxy.close();
    }
  });

  it('records creating, rotating and revoking under settings › integrations, never with the secret', async () => {
    const created = await createInboundWebhook(ws);
    const rotated = await bodyOf<InboundWebhookWithSecret>(await ws.call('POST', `/api/v1/inbound-webhooks/${created.id}/rotate-secret`, { token: ws.tokens.admin }), 200);
    expect(rotated.secret).not.toBe(created.secret);
    await bodyOf(await ws.call('DELETE', `/api/v1/inbound-webhooks/${created.id}`, { token: ws.tokens.admin }), 204);

    const rows = await auditRowsOf(ws, created.id);
    expect(rows.map((r) => [r.event, r.property])).toEqual([
      ['create', null],
      ['key_rotated', null],
      ['update', 'revokedAt'],
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({ category: 'settings', section: 'integrations', subject: { type: 'inbound_webhook', id: created.id, label: 'Helpdesk' } });
      expect(row.actor).toMatchObject({ type: 'user', id: ws.users.admin.id });
    }
    expect(rows[0]!.after).toEqual({ name: 'Helpdesk', source: 'helpdesk', revokedAt: null });
    const text = JSON.stringify(rows);
    expect(text).not.toContain(created.secret);
    expect(text).not.toContain(rotated.secret);
  });

  it('stops accepting the old secret once rotated', async () => {
    const created = await createInboundWebhook(ws);
    const rotated = await bodyOf<InboundWebhookWithSecret>(await ws.call('POST', `/api/v1/inbound-webhooks/${created.id}/rotate-secret`, { token: ws.tokens.admin }), 200);
    expect((await deliver(ws, created.id, created.secret, sample())).status).toBe(401);
    expect((await deliver(ws, created.id, rotated.secret, sample())).status).toBe(200);
  });


  it('keeps a revoked webhook listed with when it was revoked, and refuses to rotate or revoke it again', async () => {
    const created = await createInboundWebhook(ws);
    await bodyOf(await ws.call('DELETE', `/api/v1/inbound-webhooks/${created.id}`, { token: ws.tokens.admin }), 204);
    const [listed] = await listInboundWebhooks(ws);
    expect(v.parse(InboundWebhookBody, listed)).toMatchObject({ id: created.id, revokedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect((await ws.call('POST', `/api/v1/inbound-webhooks/${created.id}/rotate-secret`, { token: ws.tokens.admin })).status).toBe(409);
    expect((await ws.call('DELETE', `/api/v1/inbound-webhooks/${created.id}`, { token: ws.tokens.admin })).status).toBe(409);
  });

  it('answers 400 to an invalid webhook and 404 to another workspace’s', async () => {
    for (const body of [{ name: 'X' }, { name: '', source: 'helpdesk' }, { name: 'X', source: 'help desk' }, { name: 'X', source: 'helpdesk', secret: 's' }]) {
      const res = await ws.call('POST', '/api/v1/inbound-webhooks', { token: ws.tokens.admin, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const other = await createSecondOrg(ws);
    const theirs = await bodyOf<InboundWebhook>(await ws.call('POST', '/api/v1/inbound-webhooks', { token: other.tokens.admin, body: { name: 'Theirs', source: 'zendesk' } }), 201);
    expect((await ws.call('POST', `/api/v1/inbound-webhooks/${theirs.id}/rotate-secret`, { token: ws.tokens.admin })).status).toBe(404);
    expect((await ws.call('DELETE', `/api/v1/inbound-webhooks/${theirs.id}`, { token: ws.tokens.admin })).status).toBe(404);
    expect(await listInboundWebhooks(ws)).toEqual([]);
    expect((await ws.call('DELETE', '/api/v1/inbound-webhooks/not-an-id', { token: ws.tokens.admin })).status).toBe(400);
  });
});
