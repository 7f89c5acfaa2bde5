import { asc, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { presentAuditEvent } from '../../backend/audit/present';
import { signatureHeader } from '../../backend/integration/signature';
import { auditEvents, inboundWebhookReceipts } from '../../backend/db/schema';
import type { InboundWebhookWithSecret } from '../../shared/api-client-integration-responses';
import type { AuditEvent } from '../../shared/audit-event';
import { bodyOf } from '../support/audit-rows';
import { createCustomerAndConversation } from '../support/fixtures';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { createInboundWebhook, deliver, listInboundWebhooks, postToHook } from '../support/helpdesk';
import { recomputeChain } from '../support/recompute-chain';

let ws: TestWorkspace;
let hook: InboundWebhookWithSecret;
beforeEach(async () => {
  ws = await createTestWorkspace();
  hook = await createInboundWebhook(ws, { name: 'Acme Helpdesk', source: 'acmedesk' });
});
afterEach(() => ws.close());

interface DeliveryAnswer {
  eventId: string;
  recorded: number;
  ids: string[];
}

const minutesAgo = (minutes: number) => new Date(ws.deps.now().getTime() - minutes * 60_000).toISOString();

/** The audit events the webhook recorded, oldest first. */
async function hookRows(): Promise<AuditEvent[]> {
  const rows = await ws.deps.db.reader
    .select()
    .from(auditEvents)
    .where(sql`json_extract(${auditEvents.context}, '$.ingested.webhookId') = ${hook.id}`)
    .orderBy(asc(auditEvents.seq));
  return rows.map(presentAuditEvent);
}

async function receiptCount(): Promise<number> {
  return (await ws.deps.db.reader.select().from(inboundWebhookReceipts).where(eq(inboundWebhookReceipts.webhookId, hook.id))).length;
}

describe('a helpdesk webhook in Auditdesk’s shape', () => {
  it('records each changed attribute as an update by the helpdesk’s actor, filed in the customer’s history by email', async () => {
    const customer = await bodyOf<{ id: string }>(
      await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Ana Ruiz', emails: ['ana@example.com'] } }),
      201,
    );
    const occurredAt = minutesAgo(2);
    const payload = {
      id: 'delivery-1',
      occurredAt,
      object: { type: 'customer', id: 'hd-customer-9', label: 'Ana Ruiz', email: 'Ana@Example.com' },
      actor: { id: '4411', name: 'Maya Lopez' },
      changes: { tier: { before: 'silver', after: 'gold' }, tags: { before: ['vip'], after: ['vip', 'churn-risk'] }, phone: { after: '+34 600 000 000' } },
    };
    const answer = await bodyOf<DeliveryAnswer>(await deliver(ws, hook.id, hook.secret, payload), 200);

    const rows = await hookRows();
    expect(answer).toEqual({ eventId: 'delivery-1', recorded: 3, ids: rows.map((r) => r.id) });
    expect(rows.map((r) => [r.property, r.before, r.after])).toEqual([
      ['tier', 'silver', 'gold'],
      ['tags', ['vip'], ['vip', 'churn-risk']],
      ['phone', null, '+34 600 000 000'],
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({
        actor: { type: 'api', id: 'acmedesk:4411', name: 'Maya Lopez' },
        event: 'update',
        category: 'customer',
        section: 'customer',
        subject: { type: 'customer', id: 'hd-customer-9', label: 'Ana Ruiz' },
        customerId: customer.id,
        conversationId: null,
        occurredAt,
        context: { ingested: { source: 'acmedesk', sourceEventId: 'delivery-1', webhookId: hook.id } },
        source: { apiKeyId: null },
      });
    }
    expect(new Set(rows.map((r) => r.changeId)).size).toBe(1);
    expect(await recomputeChain(ws.deps, ws.orgId)).toMatchObject({ ok: true });

    // Where the agent reads it: the customer's history in the panel.
    const history = await bodyOf<{ items: AuditEvent[] }>(await ws.call('GET', `/api/v1/customers/${customer.id}/audit`, { token: ws.tokens.agent }), 200);
    expect(history.items.map((e) => e.id)).toEqual(expect.arrayContaining(answer.ids));
    const [listed] = await listInboundWebhooks(ws);
    expect(listed).toMatchObject({ lastReceivedAt: expect.any(String), lastRefusedAt: null });
  });

  it('files a conversation whose id is the workspace’s own under that conversation and its customer, named after the webhook without an actor', async () => {
    const conversation = await createCustomerAndConversation(ws, { name: 'Refund for order 1182' });
    const payload = { id: 'delivery-2', occurredAt: minutesAgo(1), object: { type: 'ticket', id: conversation.id }, changes: { status: { before: 'open', after: 'solved' } } };
    await bodyOf(await deliver(ws, hook.id, hook.secret, payload), 200);
    const [row] = await hookRows();
    expect(row).toMatchObject({
      actor: { type: 'api', id: null, name: 'Acme Helpdesk' },
      category: 'conversation',
      section: 'conversation',
      subject: { type: 'conversation', id: conversation.id, label: `Conversation ${conversation.id}` },
      conversationId: conversation.id,
      customerId: conversation.customerId,
      property: 'status',
    });
    const history = await bodyOf<{ items: AuditEvent[] }>(await ws.call('GET', `/api/v1/conversations/${conversation.id}/audit`, { token: ws.tokens.agent }), 200);
    expect(history.items.map((e) => e.id)).toContain(row!.id);
  });

  it('records attributes named __proto__ or constructor as the properties they name, not dropped', async () => {
    const body = `{"id":"delivery-4","occurredAt":"${minutesAgo(1)}","object":{"type":"customer","id":"hd-5"},"changes":{"__proto__":{"after":{"polluted":true}},"constructor":{"before":1,"after":2}}}`;
    await bodyOf(await postToHook(ws, hook.id, body, { 'x-auditdesk-signature': signatureHeader(hook.secret, ws.deps.now(), body) }), 200);
    expect((await hookRows()).map((r) => [r.property, r.before, r.after])).toEqual([
      ['__proto__', null, { polluted: true }],
      ['constructor', 1, 2],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('files a company’s changes under customer › company, linked to no customer', async () => {
    const payload = { id: 'delivery-3', occurredAt: minutesAgo(1), object: { type: 'Organization', id: 'org-77', label: 'Globex' }, changes: { domain: { before: null, after: 'globex.example' } } };
    await bodyOf(await deliver(ws, hook.id, hook.secret, payload), 200);
    expect(await hookRows()).toEqual([
      expect.objectContaining({ category: 'customer', section: 'company', subject: { type: 'company', id: 'org-77', label: 'Globex' }, customerId: null }),
    ]);
  });
});

describe('a Kustomer object-update webhook', () => {
  it('records each changed attribute of data, by the user in modifiedBy, with the object’s name, leaving out bookkeeping timestamps', async () => {
    const customer = await bodyOf<{ id: string }>(
      await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Jane Doe', emails: ['jane@example.com'] } }),
      201,
    );
    const createdAt = minutesAgo(3);
    const kustomerEvent = {
      type: 'kustomer.customer.update',
      id: '64f0c2a1e3b1b40019d7a111',
      org: '5f1a00000000000000000001',
      orgName: 'acme',
      partition: '5f1a00000000000000000001',
      createdAt,
      data: {
        type: 'customer',
        id: '64f0b9e0c8a1a2001a2b3c4d',
        attributes: { name: 'Jane Doe', displayName: 'Jane D.', emails: [{ type: 'home', email: 'jane@example.com' }], updatedAt: createdAt },
        relationships: { modifiedBy: { data: { type: 'user', id: '5f1a0000000000000000beef' } }, org: { data: { type: 'org', id: '5f1a00000000000000000001' } } },
      },
      changes: {
        attributes: {
          externalId: { op: 'replace', before: null, after: 'shop-1182' },
          custom: { op: 'replace', before: { vipBool: false }, after: { vipBool: true } },
          updatedAt: { op: 'replace', before: minutesAgo(60), after: createdAt },
        },
        relationships: { modifiedBy: { op: 'replace', before: null, after: { data: { type: 'user', id: '5f1a0000000000000000beef' } } } },
      },
    };
    const answer = await bodyOf<DeliveryAnswer>(await deliver(ws, hook.id, hook.secret, kustomerEvent), 200);
    expect(answer).toMatchObject({ eventId: '64f0c2a1e3b1b40019d7a111', recorded: 2 });

    const rows = await hookRows();
    expect(rows.map((r) => [r.property, r.before, r.after])).toEqual([
      ['externalId', null, 'shop-1182'],
      ['custom', { vipBool: false }, { vipBool: true }],
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({
        actor: { type: 'api', id: 'acmedesk:5f1a0000000000000000beef', name: 'Acme Helpdesk' },
        event: 'update',
        category: 'customer',
        section: 'customer',
        subject: { type: 'customer', id: '64f0b9e0c8a1a2001a2b3c4d', label: 'Jane D.' },
        customerId: customer.id,
        occurredAt: createdAt,
        context: { ingested: { source: 'acmedesk', sourceEventId: '64f0c2a1e3b1b40019d7a111', webhookId: hook.id } },
      });
    }
    expect(await recomputeChain(ws.deps, ws.orgId)).toMatchObject({ ok: true });
  });
  it('answers a delivery that moved only bookkeeping timestamps with nothing recorded, and keeps its receipt', async () => {
    const event = {
      id: 'kustomer-evt-2',
      createdAt: minutesAgo(1),
      data: { type: 'conversation', id: 'k-conv-1', attributes: { name: 'Where is my order?' } },
      changes: { attributes: { updatedAt: { op: 'replace', before: minutesAgo(5), after: minutesAgo(1) } } },
    };
    expect(await bodyOf<DeliveryAnswer>(await deliver(ws, hook.id, hook.secret, event), 200)).toEqual({ eventId: 'kustomer-evt-2', recorded: 0, ids: [] });
    expect(await hookRows()).toEqual([]);
    expect(await receiptCount()).toBe(1);
  });
});

describe('retries and refusals', () => {
  const sample = (overrides: Record<string, unknown> = {}) => ({
    id: 'delivery-9',
    occurredAt: minutesAgo(1),
    object: { type: 'customer', id: 'hd-1' },
    changes: { tier: { before: 'silver', after: 'gold' } },
    ...overrides,
  });

  it('answers a retried delivery with the first answer and records it once, even when the retries arrive together', async () => {
    const first = await deliver(ws, hook.id, hook.secret, sample());
    const firstText = await first.text();
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    // A later retry is signed anew by the helpdesk; the body (and so the event id) is the same.
    const retry = await deliver(ws, hook.id, hook.secret, sample());
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.text()).toBe(firstText);

    const together = await Promise.all(Array.from({ length: 8 }, () => deliver(ws, hook.id, hook.secret, sample({ id: 'delivery-10' }))));
    expect(together.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(together.filter((r) => r.headers.get('idempotent-replayed') === null)).toHaveLength(1);
    expect((await hookRows()).map((r) => r.context)).toEqual([
      { ingested: { source: 'acmedesk', sourceEventId: 'delivery-9', webhookId: hook.id } },
      { ingested: { source: 'acmedesk', sourceEventId: 'delivery-10', webhookId: hook.id } },
    ]);
    expect(await receiptCount()).toBe(2);
  });

  it('answers 422 unsupported_object_type to an object the log does not file, writes nothing and notes why', async () => {
    const res = await deliver(ws, hook.id, hook.secret, sample({ object: { type: 'invoice', id: 'inv-1' } }));
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unsupported_object_type');
    expect(await hookRows()).toEqual([]);
    expect(await receiptCount()).toBe(0);
    const [listed] = await listInboundWebhooks(ws);
    expect(listed).toMatchObject({ lastReceivedAt: null, lastRefusedAt: expect.any(String), lastRefusal: expect.stringContaining('"invoice"') });
  });

  it('answers 400 to a signed body that is no object update, naming what is wrong, and writes nothing', async () => {
    for (const body of [
      sample({ changes: {} }),
      sample({ changes: { tier: { before: 'a', after: 'b', extra: 1 } } }),
      sample({ changes: { ' tier': { after: 'b' } } }),
      sample({ changes: { tier: { after: 'lone \ud800 surrogate' } } }),
      sample({ occurredAt: 'yesterday' }),
      sample({ id: undefined }),
      sample({ unknownField: true }),
      [1, 2],
      { data: { type: 'customer' } },
    ]) {
      const res = await deliver(ws, hook.id, hook.secret, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
    const text = '{"id": "x", ';
    const notJson = await postToHook(ws, hook.id, text, { 'x-auditdesk-signature': signatureHeader(hook.secret, ws.deps.now(), text) });
    expect(notJson.status).toBe(400);
    expect(await hookRows()).toEqual([]);
    expect(await receiptCount()).toBe(0);
  });

  it('refuses the whole delivery when one change cannot be recorded (a time in the future) and writes nothing', async () => {
    const inAnHour = new Date(ws.deps.now().getTime() + 60 * 60_000).toISOString();
    const res = await deliver(ws, hook.id, hook.secret, sample({ occurredAt: inAnHour, changes: { a: { after: 1 }, b: { after: 2 } } }));
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('occurred_in_future');
    expect(await hookRows()).toEqual([]);
    expect(await receiptCount()).toBe(0);
    // Fixed and sent again with the same id, it is recorded: a refusal is not kept as the answer.
    await bodyOf(await deliver(ws, hook.id, hook.secret, sample({ changes: { a: { after: 1 }, b: { after: 2 } } })), 200);
    expect(await hookRows()).toHaveLength(2);
  });
});
