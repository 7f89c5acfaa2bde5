import type { Server } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../backend/db/schema';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { listen, openStream, stopServer } from '../stream/sse-client';
import { refusedJson, refusedText } from './arbitraries';
import { PROPERTY_TIMEOUT_MS, runs } from './runs';

/**
 * What the API must refuse (lone surrogates, NUL, JSON nested past the
 * limit) answers 400 with the error shape wherever it is sent, and writes
 * nothing; and no search text, whatever it holds, makes a reader fail.
 */
let ws: TestWorkspace;
let base: string;
let server: Server;
let customerId: string;
let conversationId: string;
let ruleId: string;
beforeAll(async () => {
  ws = await createTestWorkspace();
  ({ url: base, server } = await listen(ws.app.fetch));
  const post = async (path: string, body: unknown) =>
    ((await (await ws.call('POST', path, { token: ws.tokens.admin, body })).json()) as { id: string }).id;
  customerId = await post('/api/v1/customers', { name: 'Ana' });
  conversationId = await post('/api/v1/conversations', { customerId, name: 'Order 1182' });
  ruleId = await post('/api/v1/business-rules', { name: 'Route VIPs', trigger: { on: 'create' } });
});
afterAll(async () => {
  await stopServer(server);
  ws.close();
});

async function auditCount() {
  return (await ws.deps.db.reader.select().from(auditEvents)).length;
}

async function expect400(res: Response) {
  const text = await res.text();
  expect(res.status, text).toBe(400);
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('invalid_request');
  expect(body.error.message.length).toBeGreaterThan(0);
}

/** Where refused text can be sent, as [method, path, body]. */
const textWrites: Array<(bad: string) => [string, string, unknown]> = [
  (bad) => ['POST', '/api/v1/customers', { name: bad }],
  (bad) => ['PATCH', `/api/v1/customers/${customerId}`, { name: bad }],
  (bad) => ['PATCH', `/api/v1/customers/${customerId}`, { tags: ['ok', bad] }],
  (bad) => ['PATCH', `/api/v1/customers/${customerId}`, { location: bad }],
  (bad) => ['PATCH', `/api/v1/conversations/${conversationId}`, { name: bad }],
  (bad) => ['POST', `/api/v1/conversations/${conversationId}/messages`, { body: bad }],
  (bad) => ['POST', '/api/v1/companies', { name: bad }],
  (bad) => ['PATCH', `/api/v1/business-rules/${ruleId}`, { description: bad }],
  (bad) => ['POST', '/api/v1/saved-searches', { name: bad, query: {} }],
];

/** Where refused JSON can be sent. */
const jsonWrites: Array<(bad: unknown) => [string, string, unknown]> = [
  (bad) => ['PATCH', `/api/v1/customers/${customerId}`, { custom: { note: bad } }],
  (bad) => ['PATCH', `/api/v1/conversations/${conversationId}`, { custom: { note: bad } }],
  (bad) => ['PATCH', `/api/v1/business-rules/${ruleId}`, { criteria: { all: bad } }],
  (bad) => ['POST', '/api/v1/saved-searches', { name: 'Mine', query: { q: bad } }],
];

describe('refused values', () => {
  it(
    'answers 400 to text with a lone surrogate or NUL in any written field, and writes nothing',
    async () => {
      const before = await auditCount();
      await fc.assert(
        fc.asyncProperty(refusedText, fc.nat(textWrites.length - 1), async (bad, which) => {
          const [method, path, body] = textWrites[which]!(bad);
          await expect400(await ws.call(method, path, { token: ws.tokens.admin, body }));
        }),
        runs(60),
      );
      expect(await auditCount()).toBe(before);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'answers 400 to JSON nested past the limit or holding refused text, and writes nothing',
    async () => {
      const before = await auditCount();
      await fc.assert(
        fc.asyncProperty(refusedJson, fc.nat(jsonWrites.length - 1), async (bad, which) => {
          const [method, path, body] = jsonWrites[which]!(bad);
          await expect400(await ws.call(method, path, { token: ws.tokens.admin, body }));
        }),
        runs(40),
      );
      expect(await auditCount()).toBe(before);
    },
    PROPERTY_TIMEOUT_MS,
  );
});

/** Any text, NUL and lone surrogates included, percent-encoded as UTF-8 (a lone surrogate as the bytes some clients send for it). */
const searchText = fc
  .string({ unit: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.constantFrom('\u0000', '\ud800', '\udfff', '%', '"', '*', '-', ' ')), maxLength: 30 })
  .map((q) =>
    Array.from(q)
      .map((ch) => (!/^[\ud800-\udfff]$/.test(ch) ? encodeURIComponent(ch) : `%${[0xed, 0xa0 | ((ch.charCodeAt(0) >> 6) & 0x1f), 0x80 | (ch.charCodeAt(0) & 0x3f)].map((b) => b.toString(16)).join('%')}`))
      .join(''),
  );

describe('search text', () => {
  it(
    'never makes a reader fail: the log, a history, the filter helpers, the export and the stream answer 200 or 400',
    async () => {
      const readers = [
        (q: string) => `/api/v1/audit?q=${q}`,
        (q: string) => `/api/v1/audit?customer=${q}`,
        (q: string) => `/api/v1/audit?property=${q}`,
        (q: string) => `/api/v1/audit/actors?q=${q}`,
        (q: string) => `/api/v1/customers/${customerId}/audit?q=${q}`,
        (q: string) => `/api/v1/conversations/${conversationId}/audit?q=${q}`,
        (q: string) => `/api/v1/audit/export?format=jsonl&q=${q}`,
        (q: string) => `/api/v1/customers?q=${q}`,
      ];
      await fc.assert(
        fc.asyncProperty(searchText, fc.nat(readers.length - 1), async (q, which) => {
          const res = await ws.call('GET', readers[which]!(q), { token: ws.tokens.admin });
          const text = await res.text();
          expect([200, 400], text).toContain(res.status);
          if (res.status === 400) expect(JSON.parse(text)).toHaveProperty('error.code', 'invalid_request');
        }),
        runs(80),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'never breaks the live stream: it answers 400, or 200 and keeps delivering',
    async () => {
      await fc.assert(
        fc.asyncProperty(searchText, async (q) => {
          const stream = await openStream(`${base}/api/v1/audit/stream?q=${q}`, ws.tokens.admin);
          try {
            expect([200, 400]).toContain(stream.status);
          } finally {
            stream.close();
          }
        }),
        runs(15),
      );
      const live = await openStream(`${base}/api/v1/audit/stream?customer=${customerId}`, ws.tokens.admin);
      try {
        await ws.call('PATCH', `/api/v1/customers/${customerId}`, { token: ws.tokens.admin, body: { location: 'Lisbon' } });
        expect(await live.nextEvent(5_000)).toMatchObject({ property: 'location', after: 'Lisbon' });
      } finally {
        live.close();
      }
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'finds the change whose value holds a generated word',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.stringMatching(/^[a-z][a-z0-9]{5,11}$/), async (word) => {
          await ws.call('PATCH', `/api/v1/customers/${customerId}`, { token: ws.tokens.admin, body: { location: `in ${word} now` } });
          const page = (await (await ws.call('GET', `/api/v1/audit?q=${word}`, { token: ws.tokens.admin })).json()) as {
            items: Array<{ subject: { id: string }; after: unknown }>;
          };
          expect(page.items.some((e) => e.subject.id === customerId && e.after === `in ${word} now`)).toBe(true);
        }),
        runs(5),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
