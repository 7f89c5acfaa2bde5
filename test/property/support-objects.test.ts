import type { Server } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/audit-event';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { listen, stopServer } from '../stream/sse-client';
import { asJson, customAttributes, text } from './arbitraries';
import { expectReadersAgree, expectSameJson } from './readers';
import { PROPERTY_TIMEOUT_MS, runs } from './runs';

/**
 * Whatever the API accepts about customers and conversations, it keeps
 * exactly: every reader of the log shows the same rows, an identical PATCH
 * writes nothing, and restore puts the value before back as it was.
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

async function send<T>(method: string, path: string, body: unknown, token = ws.tokens.agent): Promise<T> {
  const res = await ws.call(method, path, { token, body });
  const answer = await res.text();
  expect(res.status, answer).toBeLessThan(300);
  return JSON.parse(answer) as T;
}

async function restore(event: AuditEvent | undefined): Promise<void> {
  expect(event).toBeDefined();
  await send('POST', `/api/v1/audit/${event!.id}/restore`, {}, ws.tokens.admin);
}

const customerValues = fc.record({
  name: text(200),
  location: text(200),
  tags: fc.array(text(64), { maxLength: 4 }),
  custom: customAttributes,
});

describe('customers', () => {
  it(
    'keep every accepted value exactly; history, log, exports and stream agree; repeats write nothing; restore puts values back',
    async () => {
      await fc.assert(
        fc.asyncProperty(customerValues, customerValues, async (first, second) => {
          const created = await send<{ id: string }>('POST', '/api/v1/customers', first);
          const path = `/api/v1/customers/${created.id}`;
          const patch = { name: second.name, location: second.location, tags: second.tags, custom: second.custom };
          await send('PATCH', path, patch);
          const reading = { filter: `customer=${created.id}`, historyPath: `${path}/audit`, subjectId: created.id };
          const rowsAfterPatch = (await expectReadersAgree(ws, base, reading)).length;

          const stored = await send<{ name: string; location: string; tags: string[]; custom: Record<string, unknown> }>('GET', path, undefined);
          expect(stored.name).toBe(second.name);
          expect(stored.location).toBe(second.location);
          expect(stored.tags).toEqual([...new Set(second.tags)]);
          expectSameJson(stored.custom, { ...first.custom, ...second.custom });

          await send('PATCH', path, patch);
          const rows = await expectReadersAgree(ws, base, reading);
          expect(rows).toHaveLength(rowsAfterPatch);

          if (first.name !== second.name) {
            const nameChange = rows.find((event) => event.property === 'name')!;
            expect([nameChange.before, nameChange.after]).toEqual([first.name, second.name]);
            await restore(nameChange);
            expect((await send<{ name: string }>('GET', path, undefined)).name).toBe(first.name);
          }
          const customChange = rows.find((event) => event.property?.startsWith('custom.'));
          if (customChange) {
            const attribute = customChange.property!.slice('custom.'.length);
            await restore(customChange);
            const custom = (await send<{ custom: Record<string, unknown> }>('GET', path, undefined)).custom;
            expectSameJson(custom[attribute] ?? null, customChange.before);
            expectSameJson(customChange.before, first.custom[attribute] ?? null);
          }
          await expectReadersAgree(ws, base, reading);
        }),
        runs(6),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

const conversationValues = fc.record({ name: text(200), tags: fc.array(text(64), { maxLength: 4 }), custom: customAttributes });

describe('conversations and messages', () => {
  it(
    'keep every accepted value exactly; the readers agree; restore puts the name and attributes back',
    async () => {
      const customer = await send<{ id: string }>('POST', '/api/v1/customers', { name: 'Conversation owner' });
      await fc.assert(
        fc.asyncProperty(conversationValues, conversationValues, text(2_000), async (first, second, body) => {
          const created = await send<{ id: string }>('POST', '/api/v1/conversations', { customerId: customer.id, ...first });
          const path = `/api/v1/conversations/${created.id}`;
          await send('PATCH', path, second);
          await send('POST', `${path}/messages`, { body });
          const reading = { filter: `conversation=${created.id}`, historyPath: `${path}/audit`, subjectId: created.id };
          const rows = await expectReadersAgree(ws, base, reading);

          const stored = await send<{ name: string; tags: string[]; custom: Record<string, unknown> }>('GET', path, undefined);
          expect(stored.name).toBe(second.name);
          expect(stored.tags).toEqual([...new Set(second.tags)]);
          expectSameJson(stored.custom, { ...first.custom, ...second.custom });
          const messages = await send<{ items: Array<{ body: string }> }>('GET', `${path}/messages`, undefined);
          expect(messages.items.map((m) => m.body)).toContain(body);

          const customChange = rows.find((event) => event.property?.startsWith('custom.'));
          if (customChange) {
            await restore(customChange);
            const attribute = customChange.property!.slice('custom.'.length);
            const custom = (await send<{ custom: Record<string, unknown> }>('GET', path, undefined)).custom;
            expect(asJson(custom[attribute] ?? null)).toEqual(customChange.before);
          }
          await expectReadersAgree(ws, base, reading);
        }),
        runs(5),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
