import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../backend/db/schema';
import type { InboundWebhookWithSecret } from '../../shared/api-client-integration-responses';
import type { AuditEvent } from '../../shared/audit-event';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { createInboundWebhook, postToHook } from '../support/helpdesk';
import { recomputeChain } from '../support/recompute-chain';
import { signatureHeader } from '../../backend/integration/signature';
import { asJson, jsonValue, text } from './arbitraries';
import { PROPERTY_TIMEOUT_MS, runs } from './runs';

/**
 * Whatever attributes a helpdesk says changed — names of any Unicode plane,
 * `__proto__` and its kin included, and any JSON before and after — each
 * becomes one event with that property and those values, read back the same
 * through GET /audit, and chained.
 */
let ws: TestWorkspace;
let hook: InboundWebhookWithSecret;
let deliveries = 0;
beforeAll(async () => {
  ws = await createTestWorkspace();
  hook = await createInboundWebhook(ws, { name: 'Property desk', source: 'propdesk' });
});
afterAll(() => ws.close());

const attributeName = fc.oneof(text(200), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'custom.plan', 'a.b[0]'));
const change = fc.record({ before: jsonValue(4_096), after: jsonValue(4_096) }, { requiredKeys: [] });
const changes = fc.uniqueArray(fc.tuple(attributeName, change), { minLength: 1, maxLength: 5, selector: ([name]) => name });
const delivery = fc.record({
  object: fc.record({ type: fc.constantFrom('customer', 'conversation', 'company', 'ticket'), id: text(200), label: text(500) }),
  actor: fc.record({ id: text(200), name: text(200) }),
  changes,
});

describe('helpdesk deliveries with arbitrary attributes and values', () => {
  it(
    'become one event per attribute, stored as sent, readable through GET /audit, and verify in the chain',
    async () => {
      await fc.assert(
        fc.asyncProperty(delivery, async ({ object, actor, changes: changed }) => {
          const eventId = `delivery-${++deliveries}`;
          // Built as text: an object literal would turn a `__proto__` attribute into a prototype.
          const body = JSON.stringify({
            id: eventId,
            occurredAt: new Date(ws.deps.now().getTime() - 1000).toISOString(),
            object,
            actor,
            changes: Object.fromEntries(changed),
          });
          const res = await postToHook(ws, hook.id, body, { 'x-auditdesk-signature': signatureHeader(hook.secret, ws.deps.now(), body) });
          const text = await res.text();
          expect(res.status, text).toBe(200);
          const answer = JSON.parse(text) as { recorded: number; ids: string[] };
          expect(answer.recorded).toBe(changed.length);

          const [stored] = await ws.deps.db.reader.select({ changeId: auditEvents.changeId }).from(auditEvents).where(eq(auditEvents.id, answer.ids[0]!));
          const page = await ws.call('GET', `/api/v1/audit?change=${stored!.changeId}&limit=200`, { token: ws.tokens.admin });
          expect(page.status).toBe(200);
          const byId = new Map(((await page.json()) as { items: AuditEvent[] }).items.map((e) => [e.id, e]));
          changed.forEach(([name, { before, after }], i) => {
            const read = byId.get(answer.ids[i]!);
            expect(read).toMatchObject({
              actor: { type: 'api', id: `propdesk:${actor.id}`, name: actor.name },
              event: 'update',
              subject: { id: object.id, label: object.label },
              property: name,
              context: { ingested: { source: 'propdesk', sourceEventId: eventId, webhookId: hook.id } },
            });
            expect(read!.before).toEqual(before === undefined ? null : asJson(before));
            expect(read!.after).toEqual(after === undefined ? null : asJson(after));
          });
          expect(await recomputeChain(ws.deps, ws.orgId)).toMatchObject({ ok: true });
        }),
        runs(10),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
