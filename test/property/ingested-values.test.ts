import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../backend/db/schema';
import type { AuditEvent } from '../../shared/audit-event';
import type { IngestResponse } from '../../shared/schemas/ingestion';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { keyWithScopes } from '../support/ingest';
import { recomputeChain } from '../support/recompute-chain';
import { asJson, jsonValue, refusedJson, refusedText, text } from './arbitraries';
import { PROPERTY_TIMEOUT_MS, runs } from './runs';

/**
 * Whatever an other system sends in the events it ingests — text of every
 * plane in names and labels, any JSON in before and after, any time within
 * retention — is stored as sent, read back through GET /audit, and chained;
 * an event with a value the API refuses is refused alone, at its index.
 */
let ws: TestWorkspace;
let secret: string;
beforeAll(async () => {
  ws = await createTestWorkspace();
  secret = (await keyWithScopes(ws, ['events:ingest'])).secret;
});
afterAll(() => ws.close());

const DAY = 24 * 60 * 60_000;

const goodEvent = fc.record({
  id: text(200),
  actor: fc.record({ type: fc.constantFrom('api', 'workflow', 'business_rule', 'queue_router'), id: text(200), name: text(200) }),
  event: fc.constantFrom('update', 'create', 'status_changed'),
  category: fc.constantFrom('customer', 'conversation'),
  section: fc.constantFrom('customer', 'conversation', 'message'),
  subject: fc.record({ type: fc.constantFrom('customer', 'conversation'), id: text(200), label: text(500) }),
  property: text(200),
  before: jsonValue(16_384),
  after: jsonValue(16_384),
  ageMs: fc.integer({ min: 0, max: 300 * DAY }),
});

const badEvent = fc.oneof(
  refusedJson.map((after) => ({ after })),
  refusedText.map((name) => ({ actor: { type: 'api', name } })),
);

describe('events ingested with arbitrary values', () => {
  it(
    'are stored as sent, readable through GET /audit, and verify in the chain',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(goodEvent, { minLength: 1, maxLength: 4 }), fc.option(badEvent, { nil: undefined }), async (events, bad) => {
          const now = ws.deps.now().getTime();
          const sent = events.map(({ ageMs, ...event }) => ({ ...event, occurredAt: new Date(now - ageMs).toISOString() }));
          const items: unknown[] = bad ? [...sent, { ...sent[0], ...bad }] : sent;
          const res = await ws.call('POST', '/api/v1/events', { token: secret, body: { source: 'prop-source', events: items } });
          const answer = JSON.parse(await res.text()) as IngestResponse;
          expect(res.status).toBe(bad ? 207 : 200);
          expect(answer.summary).toEqual({ accepted: sent.length, rejected: bad ? 1 : 0 });
          if (bad) expect(answer.results.at(-1)).toMatchObject({ index: sent.length, error: { code: 'invalid_event' } });

          const ids = answer.results.flatMap((r) => ('id' in r ? [r.id] : []));
          const [stored] = await ws.deps.db.reader.select({ changeId: auditEvents.changeId }).from(auditEvents).where(eq(auditEvents.id, ids[0]!));
          const page = await ws.call('GET', `/api/v1/audit?change=${stored!.changeId}&limit=200`, { token: ws.tokens.admin });
          expect(page.status).toBe(200);
          const byId = new Map(((await page.json()) as { items: AuditEvent[] }).items.map((e) => [e.id, e]));
          sent.forEach((event, i) => {
            const read = byId.get(ids[i]!);
            expect(read).toBeDefined();
            expect(read).toMatchObject({
              actor: { type: event.actor.type, id: `prop-source:${event.actor.id}`, name: event.actor.name },
              event: event.event,
              subject: event.subject,
              property: event.property,
              occurredAt: new Date(event.occurredAt).toISOString(),
              context: { ingested: { source: 'prop-source', sourceEventId: event.id } },
            });
            expect(read!.before).toEqual(asJson(event.before));
            expect(read!.after).toEqual(asJson(event.after));
          });
          expect(await recomputeChain(ws.deps, ws.orgId)).toMatchObject({ ok: true });
        }),
        runs(10),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
