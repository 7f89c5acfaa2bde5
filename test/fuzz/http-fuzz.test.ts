import http from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../backend/http/json-body';
import { startRealServer, type RealServer } from '../http/real-server';
import { PROPERTY_TIMEOUT_MS, runs } from '../property/runs';
import { createTestWorkspace, PASSWORD, type TestWorkspace } from '../support/harness';

/**
 * Thousands of malformed requests (bodies, content types, query strings,
 * methods, headers) on every route of the app, over real HTTP with a
 * keep-alive agent as real clients use: each gets an answer (never a reset
 * connection), never a 5xx, and every API refusal is a contract 4xx with
 * the `{ error: { code, message } }` shape. The server still serves a
 * normal request at the end.
 */
const CONTRACT_4XX = new Set([400, 401, 403, 404, 409, 413, 415, 429]);

let ws: TestWorkspace;
let server: RealServer;
let agent: http.Agent;
let routes: Array<{ method: string; path: string }>;
const ids: string[] = [];
/** An API key the fuzz never sees, for the last, normal request (the fuzz may sign sessions out). */
let apiKeySecret: string;

beforeAll(async () => {
  ws = await createTestWorkspace();
  server = await startRealServer(ws);
  agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const seen = new Set<string>();
  routes = ws.app.routes
    .filter((route) => route.method !== 'ALL')
    .filter((route) => !seen.has(`${route.method} ${route.path}`) && seen.add(`${route.method} ${route.path}`));
  const post = async (path: string, body: unknown) =>
    ((await (await ws.call('POST', path, { token: ws.tokens.admin, body })).json()) as { id: string }).id;
  const customerId = await post('/api/v1/customers', { name: 'Ana' });
  const conversationId = await post('/api/v1/conversations', { customerId, name: 'Order 1182' });
  ids.push(customerId, conversationId, await post(`/api/v1/conversations/${conversationId}/messages`, { body: 'Hello' }), ws.users.agent.id);
  const history = (await (await ws.call('GET', `/api/v1/customers/${customerId}/audit`, { token: ws.tokens.admin })).json()) as {
    items: Array<{ id: string }>;
  };
  ids.push(history.items[0]!.id);
  apiKeySecret = (
    (await (await ws.call('POST', '/api/v1/api-keys', { token: ws.tokens.admin, body: { name: 'After the fuzz', kind: 'api' } })).json()) as { secret: string }
  ).secret;
});
afterAll(async () => {
  agent.destroy();
  await server.close();
  ws.close();
});

async function signInAgain(role: 'admin' | 'agent') {
  const res = await ws.call('POST', '/api/v1/auth/login', { body: { email: `${role}@test.example`, password: PASSWORD } });
  ws.tokens[role] = ((await res.json()) as { token: string }).token;
}

interface Outcome {
  status: number;
  contentType: string;
  text: string;
}

/** Sends one request; a live stream is read up to its headers, then closed. A socket error comes back as `error`. */
function send(options: http.RequestOptions, body: Buffer | string | undefined): Promise<Outcome | { error: string }> {
  return new Promise((resolve) => {
    let req: http.ClientRequest;
    try {
      req = http.request({ host: '127.0.0.1', port: server.port, agent, ...options }, (res) => {
        const contentType = String(res.headers['content-type'] ?? '');
        if (contentType.startsWith('text/event-stream')) {
          resolve({ status: res.statusCode ?? 0, contentType, text: '' });
          res.destroy();
          return;
        }
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType, text }));
        res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      });
    } catch (error) {
      // node:http refuses to send some generated headers at all: nothing reached the server.
      resolve({ status: 0, contentType: 'not sent', text: (error as Error).message });
      return;
    }
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end(body);
  });
}

const garbage = fc.string({ unit: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.constantFrom('%', '%00', '%ZZ', '%ED%A0%80', '&', '=', '[', ']', '"', '\\', '/', '..')), maxLength: 24 });
const FIELD_NAMES = ['name', 'custom', 'tags', 'status', 'email', 'password', 'q', 'query', 'criteria', 'body', 'force', 'targetId', 'days', 'role', 'kind', 'trigger', 'customerId', 'rating', 'capacity', '__proto__'];
const FILTER_NAMES = ['q', 'category', 'actor', 'actorKind', 'conversation', 'customer', 'section', 'event', 'property', 'from', 'to', 'limit', 'cursor', 'format', 'ids', 'lastEventId', 'bucket', 'notCategory', 'notActor', 'notCustomer', 'notProperty'];

/** What fills a route's `:id`: an existing object's id (by index), an unknown or malformed one. */
const idFill = fc.oneof(
  fc.nat().map((n) => ({ known: n })),
  fc.oneof(fc.constantFrom('01ARZ3NDEKTSV4RRFFQ69G5FAV', 'x', '%00', '%ED%A0%80', '..', 'a'.repeat(300), '%2F', ' '), garbage).map((raw) => ({ raw })),
);

/** Query parts as sent on the wire: generated text percent-encoded, the listed escapes (%00, a lone surrogate's bytes, a bad escape) raw. */
const encoded = garbage.map((text) => encodeURIComponent(text));
const queryValue = fc.oneof({ weight: 1, arbitrary: encoded }, { weight: 3, arbitrary: fc.constantFrom('', '0', '-1', '999999999999', 'csv', 'jsonl', 'settings', 'customer', 'name', '2026-13-45', '2026-01-01', '%00', 'a%00b', '%00x', '%ED%A0%80', '%ZZ', '%', 'ana') });
/** Half the time only the filters' own names (strict schemas refuse any other before the query runs), else anything. */
const queryString = fc
  .oneof(
    { weight: 3, arbitrary: fc.array(fc.tuple(fc.constantFrom(...FILTER_NAMES), queryValue), { maxLength: 2 }) },
    { weight: 1, arbitrary: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...FILTER_NAMES), encoded, fc.constantFrom('%00', '%ZZ', '')), queryValue), { maxLength: 6 }) },
  )
  .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`));

const jsonBody = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELD_NAMES), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }).map((o) => JSON.stringify(o)),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc.tuple(fc.dictionary(fc.constantFrom(...FIELD_NAMES), fc.jsonValue({ maxDepth: 2 })), fc.nat()).map(([o, cut]) => {
    const text = JSON.stringify(o);
    return text.slice(0, cut % (text.length + 1));
  }),
  fc.constantFrom('', '{', '}', 'null', '[]', '"x"', '{"name":"\\ud800"}', '{"name":"a\\u0000b"}', '{"custom":{"__proto__":1}}', `{"custom":{"d":${'['.repeat(2000)}${']'.repeat(2000)}}}`, '\u0000', '{"a":1,"a":2}'),
  garbage,
);

const body = fc.oneof(
  { weight: 6, arbitrary: jsonBody },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom(Buffer.alloc(MAX_BODY_BYTES + 10, 'a'), Buffer.from([0xff, 0xfe, 0x00, 0xd8])) },
);

const contentType = fc.oneof(
  { weight: 4, arbitrary: fc.constant('application/json') },
  { weight: 3, arbitrary: fc.constantFrom(
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/merge-patch+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '',
  undefined,
  ) },
);

const oddHeaders = fc.oneof(
  { weight: 20, arbitrary: fc.dictionary(
    fc.constantFrom('last-event-id', 'accept', 'origin', 'x-forwarded-for', 'cookie', 'if-none-match', 'range', 'accept-encoding', 'x-request-id'),
    fc.string({ unit: 'binary-ascii', maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
    { maxKeys: 3 },
  ) },
  { weight: 1, arbitrary: fc.constantFrom({ expect: '100-continue' }, { expect: 'x-odd' }) },
);

const request = fc.record({
  route: fc.nat(),
  method: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD') }),
  id: idFill,
  query: queryString,
  body,
  contentType,
  token: fc.constantFrom<'admin' | 'agent' | 'none' | 'bad'>('admin', 'admin', 'agent', 'agent', 'none', 'bad'),
  headers: oddHeaders,
});

describe('HTTP fuzz on every route', () => {
  it(
    'answers every malformed request over a keep-alive connection: never a 5xx or a reset, API refusals in the error shape',
    async () => {
      const problems: string[] = [];
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const route = routes[r.route % routes.length]!;
          const method = r.method ?? route.method;
          const id = 'known' in r.id ? ids[r.id.known % ids.length]! : r.id.raw;
          const path = route.path.replace(/:[A-Za-z]+(\{[^}]*\})?/g, () => encodeURI(id).replaceAll('#', '%23').replaceAll('?', '%3F')) + r.query;
          const token = r.token === 'admin' ? ws.tokens.admin : r.token === 'agent' ? ws.tokens.agent : r.token === 'bad' ? 'x'.repeat(40) : undefined;
          const headers: http.OutgoingHttpHeaders = { ...r.headers };
          if (token) headers.authorization = `Bearer ${token}`;
          if (r.contentType !== undefined) headers['content-type'] = r.contentType;
          const sentBody = method === 'GET' || method === 'HEAD' ? undefined : r.body;
          // Real clients frame every body; node:http would send a DELETE's or OPTIONS's body unframed.
          if (sentBody !== undefined) headers['content-length'] = Buffer.byteLength(sentBody);
          const outcome = await send({ method, path, headers }, sentBody);
          const described = `${method} ${path} ${JSON.stringify(headers).slice(0, 300)} body ${typeof sentBody === 'string' ? JSON.stringify(sentBody.slice(0, 80)) : sentBody ? `${sentBody.length} bytes` : 'none'} → `;
          if ('error' in outcome) return void problems.push(`${described}socket ${outcome.error}`);
          if (outcome.status === 0) return;
          // A signed-out role signs in again, so the rest of the run is not all 401s.
          if (route.path === '/api/v1/auth/logout' && outcome.status < 300 && (r.token === 'admin' || r.token === 'agent')) await signInAgain(r.token);
          if (outcome.status >= 500) return void problems.push(`${described}${outcome.status} ${outcome.text.slice(0, 200)}`);
          if (!route.path.startsWith('/api/') || outcome.status < 400 || method === 'HEAD') return;
          // Node's HTTP server itself answers an `Expect` it does not support with 417, before the app sees the request.
          if (outcome.status === 417 && 'expect' in headers) return;
          if (!CONTRACT_4XX.has(outcome.status)) return void problems.push(`${described}${outcome.status} is not a contract code`);
          try {
            const error = (JSON.parse(outcome.text) as { error: { code: unknown; message: unknown } }).error;
            if (typeof error.code !== 'string' || typeof error.message !== 'string') problems.push(`${described}${outcome.status} without the error shape`);
          } catch {
            problems.push(`${described}${outcome.status} not JSON: ${outcome.text.slice(0, 100)}`);
          }
        }),
        runs(1_500),
      );
      expect(problems).toEqual([]);

      expect(await send({ method: 'GET', path: '/api/v1/health' }, undefined)).toMatchObject({ status: 200 });
      expect(await send({ method: 'GET', path: '/api/v1/customers', headers: { authorization: `Bearer ${apiKeySecret}` } }, undefined)).toMatchObject({ status: 200 });
    },
    PROPERTY_TIMEOUT_MS,
  );
});
