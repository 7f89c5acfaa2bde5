import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { presentAuditEvent } from '../../backend/audit/present';
import { auditEvents } from '../../backend/db/schema';
import type { AuditEvent } from '../../shared/audit-event';
import type { IngestResponse } from '../../shared/schemas/ingestion';
import { bodyOf } from '../support/audit-rows';
import { createCustomerAndConversation } from '../support/fixtures';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { keyWithScopes, sampleEvent } from '../support/ingest';
import { recomputeChain } from '../support/recompute-chain';
import { createSecondOrg } from '../support/second-org';

let ws: TestWorkspace;
let key: { id: string; secret: string };
beforeEach(async () => {
  ws = await createTestWorkspace();
  key = await keyWithScopes(ws, ['events:ingest']);
});
afterEach(() => ws.close());

const ingest = (body: unknown, token = key.secret) => ws.call('POST', '/api/v1/events', { token, body });

async function ingestedRows(): Promise<AuditEvent[]> {
  const rows = await ws.deps.db.reader.select().from(auditEvents).where(eq(auditEvents.apiKeyId, key.id)).orderBy(asc(auditEvents.seq));
  return rows.map(presentAuditEvent);
}

describe('POST /events', () => {
  it('records each event as it happened elsewhere, marked with its source and the key that sent it', async () => {
    const { customerId, id: conversationId } = await createCustomerAndConversation(ws, { name: 'Refund' });
    const first = sampleEvent(ws, { customerId }, 10);
    const second = sampleEvent(ws, { id: undefined, conversationId, section: 'conversation', category: 'conversation', subject: { type: 'conversation', id: 'hd-7', label: 'Refund' }, property: 'status', before: { a: [1, null] }, after: 'done' }, 3);
    const answer = await bodyOf<IngestResponse>(await ingest({ source: 'helpdesk', events: [first, second] }), 200);

    expect(answer.summary).toEqual({ accepted: 2, rejected: 0 });
    const rows = await ingestedRows();
    expect(answer.results).toEqual([{ index: 0, id: rows[0]!.id }, { index: 1, id: rows[1]!.id }]);
    expect(rows[0]).toMatchObject({
      actor: { type: 'api', id: 'helpdesk:77', name: 'Helpdesk trigger' },
      occurredAt: first.occurredAt,
      event: 'update',
      subject: { type: 'customer', id: 'hd-customer-9', label: 'Ana Ruiz' },
      customerId,
      property: 'tier',
      before: 'silver',
      after: 'gold',
      context: { ingested: { source: 'helpdesk', sourceEventId: 'evt-1' } },
      source: { apiKeyId: key.id },
    });
    expect(rows[1]).toMatchObject({ conversationId, before: { a: [1, null] }, after: 'done', occurredAt: second.occurredAt, context: { ingested: { source: 'helpdesk' } } });
    expect(rows[0]!.changeId).toBe(rows[1]!.changeId);
    expect(await recomputeChain(ws.deps, ws.orgId)).toMatchObject({ ok: true });

    // Readable where people look: the customer's history.
    const history = await bodyOf<{ items: AuditEvent[] }>(await ws.call('GET', `/api/v1/customers/${customerId}/audit`, { token: ws.tokens.agent }), 200);
    expect(history.items.map((e) => e.id)).toContain(rows[0]!.id);
  });

  it('answers 207 with each refused event’s index and code, and writes only the accepted ones', async () => {
    const events = [
      sampleEvent(ws),
      sampleEvent(ws, { event: 'teleported' }),
      sampleEvent(ws, { subject: { type: 'customer', id: 'x' } }),
      sampleEvent(ws, { occurredAt: new Date(ws.deps.now().getTime() + 60 * 60_000).toISOString() }),
      sampleEvent(ws, { occurredAt: '2001-01-01T00:00:00Z' }),
      sampleEvent(ws, { before: 'lone \ud800 surrogate' }),
      sampleEvent(ws, { extra: true }),
      'not an object',
      sampleEvent(ws, { event: 'purged' }),
      sampleEvent(ws, { id: 'evt-2' }),
    ];
    const res = await ingest({ source: 'helpdesk', events });
    const answer = await bodyOf<IngestResponse>(res, 207);
    expect(answer.summary).toEqual({ accepted: 2, rejected: 8 });
    const codes = answer.results.map((r) => ('error' in r ? r.error.code : 'accepted'));
    expect(codes).toEqual([
      'accepted',
      'invalid_event',
      'invalid_event',
      'occurred_in_future',
      'occurred_before_retention',
      'invalid_event',
      'invalid_event',
      'invalid_event',
      'event_not_allowed',
      'accepted',
    ]);
    expect(answer.results.map((r) => r.index)).toEqual(events.map((_, i) => i));
    const refused = answer.results[2]!;
    expect('error' in refused && refused.error.message).toMatch(/^subject\.label: /);
    expect((await ingestedRows()).map((r) => r.id)).toEqual([answer.results[0], answer.results[9]].map((r) => (r as { id: string }).id));
  });

  it('refuses an event that names a person of the workspace, or Auditdesk itself, as its actor', async () => {
    const asPerson = sampleEvent(ws, { actor: { type: 'user', id: ws.users.admin.id, name: ws.users.admin.name } });
    const asSystem = sampleEvent(ws, { actor: { type: 'system', name: 'System' } });
    const answer = await bodyOf<IngestResponse>(await ingest({ source: 'helpdesk', events: [asPerson, asSystem] }), 207);
    expect(answer.summary).toEqual({ accepted: 0, rejected: 2 });
    expect(answer.results.map((r) => 'error' in r && r.error.code)).toEqual(['actor_not_allowed', 'actor_not_allowed']);
    expect(await ingestedRows()).toEqual([]);
    const byAdmin = await ws.deps.db.reader.select().from(auditEvents).where(eq(auditEvents.actorId, ws.users.admin.id));
    expect(byAdmin.filter((r) => r.apiKeyId === key.id)).toEqual([]);
  });

  it('refuses an event linked to a customer or conversation that is not the workspace’s', async () => {
    const other = await createSecondOrg(ws);
    const { customerId } = await createCustomerAndConversation(ws, { name: 'Refund' });
    const events = [
      sampleEvent(ws, { customerId: other.ids.customer }),
      sampleEvent(ws, { conversationId: ws.deps.newId() }),
      sampleEvent(ws, { customerId }),
    ];
    const answer = await bodyOf<IngestResponse>(await ingest({ source: 'helpdesk', events }), 207);
    expect(answer.results.map((r) => ('error' in r ? r.error.code : 'accepted'))).toEqual(['unknown_customer', 'unknown_conversation', 'accepted']);
    expect((await ingestedRows()).map((r) => r.customerId)).toEqual([customerId]);
  });

  it('answers 400 to an invalid envelope and writes nothing', async () => {
    for (const body of [
      { events: [sampleEvent(ws)] },
      { source: 'help desk', events: [sampleEvent(ws)] },
      { source: 'helpdesk', events: [] },
      { source: 'helpdesk', events: {} },
      { source: 'helpdesk', events: [sampleEvent(ws)], more: 1 },
    ]) {
      const res = await ingest(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
    expect(await ingestedRows()).toEqual([]);
  });

  it('answers 400 to 1,001 events and accepts 1,000', async () => {
    const small = { actor: { type: 'api', name: 'S' }, event: 'update', category: 'customer', section: 'customer', subject: { type: 'customer', id: 'c', label: 'C' }, occurredAt: new Date(ws.deps.now().getTime() - 1000).toISOString() };
    const tooMany = await ingest({ source: 'helpdesk', events: Array.from({ length: 1001 }, () => small) });
    expect(tooMany.status).toBe(400);
    const answer = await bodyOf<IngestResponse>(await ingest({ source: 'helpdesk', events: Array.from({ length: 1000 }, () => small) }), 200);
    expect(answer.summary).toEqual({ accepted: 1000, rejected: 0 });
    expect(await ingestedRows()).toHaveLength(1000);
    expect(await recomputeChain(ws.deps, ws.orgId)).toMatchObject({ ok: true });
  });

  it('is refused to people, and to an API key without the events:ingest scope', async () => {
    const body = { source: 'helpdesk', events: [sampleEvent(ws)] };
    expect((await ingest(body, ws.tokens.admin)).status).toBe(403);
    const everythingElse = await keyWithScopes(ws, ['entities:read', 'entities:write', 'audit:read', 'routing:write'], 'No ingest');
    const res = await ingest(body, everythingElse.secret);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: 'forbidden', message: 'This API key lacks the scope events:ingest.' } });
    const byThatKey = await ws.deps.db.reader.select().from(auditEvents).where(eq(auditEvents.apiKeyId, everythingElse.id));
    expect(byThatKey.map((r) => r.event)).toEqual(['access_denied']);
  });
});
