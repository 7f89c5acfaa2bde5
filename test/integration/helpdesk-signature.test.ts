import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { daysByCategory, retentionOf } from '../../backend/audit/retention/settings';
import { auditEvents, inboundWebhookActivity, inboundWebhookReceipts, inboundWebhooks } from '../../backend/db/schema';
import { filingOf } from '../../backend/integration/helpdesk/object-types';
import { readObjectUpdate } from '../../backend/integration/helpdesk/object-update';
import { recordDelivery } from '../../backend/integration/helpdesk/record-delivery';
import type { InboundWebhookWithSecret } from '../../shared/api-client-integration-responses';
import { startRealServer } from '../http/real-server';
import { bodyOf } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { createInboundWebhook, listInboundWebhooks, postToHook } from '../support/helpdesk';

let ws: TestWorkspace;
let hook: InboundWebhookWithSecret;
beforeEach(async () => {
  ws = await createTestWorkspace();
  hook = await createInboundWebhook(ws);
});
afterEach(() => ws.close());

const INVALID_SIGNATURE = { error: { code: 'invalid_signature', message: 'The request is not signed with the secret of a webhook at this address.' } };

/** X-Auditdesk-Signature as a sender computes it: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>. */
function auditdeskSignature(secret: string, body: string, at = ws.deps.now()): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** Zendesk's pair: base64 HMAC-SHA256(secret, timestamp + body), the timestamp in ISO 8601 as Zendesk sends it. */
function zendeskHeaders(secret: string, body: string, at = ws.deps.now()): Record<string, string> {
  const timestamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    'x-zendesk-webhook-signature': createHmac('sha256', secret).update(timestamp + body).digest('base64'),
    'x-zendesk-webhook-signature-timestamp': timestamp,
  };
}

const update = () =>
  JSON.stringify({
    id: `delivery-${ws.deps.newId()}`,
    occurredAt: new Date(ws.deps.now().getTime() - 1000).toISOString(),
    object: { type: 'customer', id: 'hd-1', label: 'Ana' },
    changes: { tier: { before: 'silver', after: 'gold' } },
  });

/** What a refused request could have written: events, receipts. */
async function written(): Promise<{ events: number; receipts: number }> {
  const events = (await ws.deps.db.reader.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.subjectType, 'customer'))).length;
  const receipts = (await ws.deps.db.reader.select().from(inboundWebhookReceipts)).length;
  return { events, receipts };
}

async function expectRefused(res: Response, refusal: RegExp) {
  expect(res.status).toBe(401);
  expect(await res.json()).toEqual(INVALID_SIGNATURE);
  expect(await written()).toEqual({ events: 0, receipts: 0 });
  const [listed] = await listInboundWebhooks(ws);
  expect(listed).toMatchObject({ lastReceivedAt: null, lastRefusedAt: expect.any(String) });
  expect(listed!.lastRefusal).toMatch(refusal);
}

describe('the signature of a helpdesk webhook delivery', () => {
  it('accepts a body signed with X-Auditdesk-Signature', async () => {
    const body = update();
    await bodyOf(await postToHook(ws, hook.id, body, { 'x-auditdesk-signature': auditdeskSignature(hook.secret, body) }), 200);
    expect(await written()).toEqual({ events: 1, receipts: 1 });
  });

  it('refuses a tampered body with 401, writes nothing and says why on the webhook', async () => {
    const body = update();
    const tampered = body.replace('gold', 'platinum');
    await expectRefused(await postToHook(ws, hook.id, tampered, { 'x-auditdesk-signature': auditdeskSignature(hook.secret, body) }), /does not match/);
  });

  it('refuses a body signed with another secret', async () => {
    const body = update();
    await expectRefused(await postToHook(ws, hook.id, body, { 'x-auditdesk-signature': auditdeskSignature('not-the-secret', body) }), /does not match/);
  });

  it('refuses a signature more than 5 minutes old (a replayed request)', async () => {
    const body = update();
    const sixMinutesAgo = new Date(ws.deps.now().getTime() - 6 * 60_000);
    await expectRefused(await postToHook(ws, hook.id, body, { 'x-auditdesk-signature': auditdeskSignature(hook.secret, body, sixMinutesAgo) }), /more than 5 minutes/);
  });

  it('refuses a request without a signature, or with a malformed one', async () => {
    await expectRefused(await postToHook(ws, hook.id, update(), {}), /^No signature/);
    await expectRefused(await postToHook(ws, hook.id, update(), { 'x-auditdesk-signature': 'v1=abc' }), /malformed/);
  });

  it('answers an unknown or malformed webhook id exactly as a bad signature, and writes nothing at all', async () => {
    const body = update();
    for (const id of [ws.deps.newId(), 'not-an-id']) {
      const res = await postToHook(ws, id, body, { 'x-auditdesk-signature': auditdeskSignature(hook.secret, body) });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual(INVALID_SIGNATURE);
    }
    expect(await written()).toEqual({ events: 0, receipts: 0 });
    expect(await ws.deps.db.reader.select().from(inboundWebhookActivity)).toEqual([]);
  });

  it('refuses a revoked webhook’s deliveries, even signed with its secret', async () => {
    await bodyOf(await ws.call('DELETE', `/api/v1/inbound-webhooks/${hook.id}`, { token: ws.tokens.admin }), 204);
    const body = update();
    await expectRefused(await postToHook(ws, hook.id, body, { 'x-auditdesk-signature': auditdeskSignature(hook.secret, body) }), /revoked/);
  });

  it('accepts Zendesk’s own signature pair, and refuses it tampered, stale or half sent', async () => {
    const body = update();
    await bodyOf(await postToHook(ws, hook.id, body, zendeskHeaders(hook.secret, body)), 200);
    expect(await written()).toEqual({ events: 1, receipts: 1 });

    const other = update();
    const headers = zendeskHeaders(hook.secret, other);
    for (const [sent, sentHeaders] of [
      [other.replace('gold', 'bronze'), headers],
      [other, zendeskHeaders(hook.secret, other, new Date(ws.deps.now().getTime() - 10 * 60_000))],
      [other, { 'x-zendesk-webhook-signature': headers['x-zendesk-webhook-signature']! }],
      [other, { ...headers, 'x-zendesk-webhook-signature-timestamp': 'yesterday' }],
    ] as const) {
      const res = await postToHook(ws, hook.id, sent, sentHeaders);
      expect(res.status, JSON.stringify(sentHeaders)).toBe(401);
    }
    expect(await written()).toEqual({ events: 1, receipts: 1 });
  });

  it('checks the bytes received over HTTP, not a re-serialized body: spacing and key order as sent', async () => {
    const server = await startRealServer(ws);
    try {
      const body = `{ "changes": {"tier": {"after": "gold", "before": "silver"}},\n  "object": {"id": "hd-2", "type": "customer"}, "occurredAt": "${new Date(ws.deps.now().getTime() - 1000).toISOString()}", "id": "delivery-http" }`;
      const answer = await server.send(
        { method: 'POST', path: `/api/v1/hooks/helpdesk/${hook.id}`, headers: { 'content-type': 'application/json', 'x-auditdesk-signature': auditdeskSignature(hook.secret, body) } },
        body,
      );
      expect(answer).toMatchObject({ status: 200 });
      expect(await written()).toEqual({ events: 1, receipts: 1 });
    } finally {
      await server.close();
    }
  });
});

describe('refusals noted on the webhook', () => {
  it('notes a flood of the same refusal at most once a second, and a new reason at once', async () => {
    let clock = Date.UTC(2026, 11, 3, 9, 0, 0);
    const timed = await createTestWorkspace({ now: () => new Date(clock) });
    try {
      const timedHook = await createInboundWebhook(timed);
      const refusedAt = async () => (await listInboundWebhooks(timed))[0]!;
      expect((await postToHook(timed, timedHook.id, '{}', {})).status).toBe(401);
      const first = await refusedAt();
      clock += 500;
      for (let i = 0; i < 5; i++) expect((await postToHook(timed, timedHook.id, '{}', {})).status).toBe(401);
      expect(await refusedAt()).toEqual(first);
      expect((await postToHook(timed, timedHook.id, '{}', { 'x-auditdesk-signature': 'v1=zz' })).status).toBe(401);
      expect(await refusedAt()).toMatchObject({ lastRefusedAt: new Date(clock).toISOString(), lastRefusal: expect.stringMatching(/malformed/) });
      clock += 1_000;
      expect((await postToHook(timed, timedHook.id, '{}', { 'x-auditdesk-signature': 'v1=zz' })).status).toBe(401);
      expect((await refusedAt()).lastRefusedAt).toBe(new Date(clock).toISOString());
    } finally {
      timed.close();
    }
  });
});

describe('a revocation or rotation racing a delivery', () => {
  it('wins: a delivery checked against the secret before it changed records nothing', async () => {
    const [checked] = await ws.deps.db.reader.select().from(inboundWebhooks).where(eq(inboundWebhooks.id, hook.id));
    // What the receiver read before checking the signature; the admin rotates the secret, then the delivery's write runs.
    await bodyOf(await ws.call('POST', `/api/v1/inbound-webhooks/${hook.id}/rotate-secret`, { token: ws.tokens.admin }), 200);
    const parsed = readObjectUpdate(JSON.parse(update()));
    if (!parsed.ok) throw new Error('the sample is an object update');
    const ctx = { ...ws.systemCtx(), actor: { type: 'api' as const, id: null, name: 'Helpdesk' } };
    const limits = { now: ws.deps.now(), retentionDays: daysByCategory(await retentionOf(ws.deps.db.reader, ws.orgId)) };
    const write = ws.deps.writes.run((tx) => recordDelivery(tx, ctx, checked!, { update: parsed.update, filing: filingOf('customer')!, limits }));
    await expect(write).rejects.toMatchObject({ status: 401, code: 'invalid_signature' });
    expect(await written()).toEqual({ events: 0, receipts: 0 });
  });
});
