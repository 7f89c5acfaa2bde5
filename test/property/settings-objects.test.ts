import type { Server } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { listen, stopServer } from '../stream/sse-client';
import { jsonObject, text } from './arbitraries';
import { expectReadersAgree, expectSameJson } from './readers';
import { PROPERTY_TIMEOUT_MS, runs } from './runs';

/**
 * Settings objects hold whole JSON documents (a rule's trigger, criteria
 * and actions, a saved search's query): whatever is accepted comes back
 * exactly from the object, from every reader of the log, and from restore.
 */
let ws: TestWorkspace;
let base: string;
let server: Server;
beforeAll(async () => {
  ws = await createTestWorkspace();
  ({ url: base, server } = await listen(ws.app.fetch));
});
afterAll(async () => {
  await stopServer(server);
  ws.close();
});

async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await ws.call(method, path, { token: ws.tokens.admin, body });
  const answer = await res.text();
  expect(res.status, answer).toBeLessThan(300);
  return JSON.parse(answer) as T;
}

const DOCUMENT_BYTES = 16_384;

describe('settings objects with JSON documents', () => {
  it(
    'business rules keep trigger, criteria and actions exactly; the readers agree; restore puts the criteria back',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          text(200),
          jsonObject(DOCUMENT_BYTES),
          jsonObject(DOCUMENT_BYTES),
          jsonObject(DOCUMENT_BYTES),
          fc.array(jsonObject(DOCUMENT_BYTES), { maxLength: 3 }),
          async (name, trigger, criteria, nextCriteria, actions) => {
            const rule = await send<{ id: string }>('POST', '/api/v1/business-rules', { name, trigger, criteria, actions });
            const path = `/api/v1/business-rules/${rule.id}`;
            await send('PATCH', path, { criteria: nextCriteria });
            const stored = await send<{ name: string; trigger: unknown; criteria: unknown; actions: unknown }>('GET', path);
            expect(stored.name).toBe(name);
            expectSameJson(stored.trigger, trigger);
            expectSameJson(stored.criteria, nextCriteria);
            expectSameJson(stored.actions, actions);

            const rows = await expectReadersAgree(ws, base, { filter: 'category=settings', subjectId: rule.id });
            const change = rows.find((event) => event.property === 'criteria');
            if (JSON.stringify(criteria) === JSON.stringify(nextCriteria)) return;
            expectSameJson(change?.before, criteria);
            expectSameJson(change?.after, nextCriteria);
            await send('POST', `/api/v1/audit/${change!.id}/restore`, {});
            expectSameJson((await send<{ criteria: unknown }>('GET', path)).criteria, criteria);
          },
        ),
        runs(5),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'saved searches keep their query exactly and the readers agree',
    async () => {
      await fc.assert(
        fc.asyncProperty(text(200), jsonObject(DOCUMENT_BYTES), jsonObject(DOCUMENT_BYTES), async (name, query, nextQuery) => {
          const search = await send<{ id: string }>('POST', '/api/v1/saved-searches', { name, query });
          const path = `/api/v1/saved-searches/${search.id}`;
          await send('PATCH', path, { query: nextQuery });
          expectSameJson((await send<{ query: unknown }>('GET', path)).query, nextQuery);
          const rows = await expectReadersAgree(ws, base, { filter: 'category=settings', subjectId: search.id });
          expect(rows.length).toBeGreaterThan(0);
        }),
        runs(4),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'companies keep their name and custom attributes exactly and the readers agree',
    async () => {
      await fc.assert(
        fc.asyncProperty(text(200), text(200), async (name, nextName) => {
          const company = await send<{ id: string }>('POST', '/api/v1/companies', { name });
          await send('PATCH', `/api/v1/companies/${company.id}`, { name: nextName });
          expect((await send<{ name: string }>('GET', `/api/v1/companies/${company.id}`)).name).toBe(nextName);
          const rows = await expectReadersAgree(ws, base, { filter: 'category=customer', subjectId: company.id });
          expect(rows.length).toBeGreaterThan(0);
        }),
        runs(4),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
