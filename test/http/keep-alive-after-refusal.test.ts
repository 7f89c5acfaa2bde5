import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../backend/http/json-body';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { errorCodeOf, startRealServer, type RealServer } from './real-server';

let ws: TestWorkspace;
let server: RealServer;
let agent: http.Agent;
beforeEach(async () => {
  ws = await createTestWorkspace();
  server = await startRealServer(ws);
  // One socket, reused: every request below travels on the connection the previous one left.
  agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
});
afterEach(async () => {
  agent.destroy();
  await server.close();
  ws.close();
});

const OVERSIZED = Buffer.alloc(MAX_BODY_BYTES * 3, 'a');
const auth = () => ({ authorization: `Bearer ${ws.tokens.agent}` });

async function threeRefusalsThenARead(headers: http.OutgoingHttpHeaders, body: Buffer): Promise<string[]> {
  const answers: string[] = [];
  for (let i = 0; i < 3; i++) {
    answers.push(errorCodeOf(await server.send({ agent, method: 'POST', path: '/api/v1/customers', headers: { ...auth(), ...headers } }, body)));
  }
  const read = await server.send({ agent, method: 'GET', path: '/api/v1/customers', headers: auth() });
  answers.push('error' in read ? `socket ${read.error}` : String(read.status));
  return answers;
}

describe('a keep-alive connection after a refused upload', () => {
  it('gives three oversized uploads their 413 JSON and then serves the next request', async () => {
    const answers = await threeRefusalsThenARead({ 'content-type': 'application/json', 'content-length': OVERSIZED.length }, OVERSIZED);
    expect(answers).toEqual(['413 payload_too_large', '413 payload_too_large', '413 payload_too_large', '200']);
  });

  it('gives three chunked oversized uploads their 413 JSON and then serves the next request', async () => {
    const answers = await threeRefusalsThenARead({ 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, OVERSIZED);
    expect(answers).toEqual(['413 payload_too_large', '413 payload_too_large', '413 payload_too_large', '200']);
  });

  it('gives three non-JSON uploads their 415 JSON and then serves the next request', async () => {
    const form = Buffer.alloc(200_000, 'a');
    const answers = await threeRefusalsThenARead({ 'content-type': 'text/plain', 'content-length': form.length }, form);
    expect(answers).toEqual(['415 unsupported_media_type', '415 unsupported_media_type', '415 unsupported_media_type', '200']);
  });

  it('says Connection: close on a refusal sent before the body arrived, and keep-alive on an ordinary answer', async () => {
    const refused = await server.send(
      { agent, method: 'POST', path: '/api/v1/customers', headers: { ...auth(), 'content-type': 'application/json', 'content-length': OVERSIZED.length } },
      OVERSIZED,
    );
    const created = await server.send(
      { agent, method: 'POST', path: '/api/v1/customers', headers: { ...auth(), 'content-type': 'application/json' } },
      JSON.stringify({ name: 'Ana' }),
    );
    expect('headers' in refused && refused.headers.connection).toBe('close');
    expect('headers' in created && [created.status, created.headers.connection]).toEqual([201, 'keep-alive']);
  });

  it('lets Node fetch read three 413s and then make a valid request', async () => {
    const statuses: (number | string)[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await fetch(server.url('/api/v1/customers'), {
        method: 'POST',
        headers: { ...auth(), 'content-type': 'application/json' },
        body: OVERSIZED,
      }).catch((error: Error) => ({ status: `fetch failed: ${String(error.cause)}`, json: async () => null }));
      statuses.push(res.status, ((await res.json()) as { error?: { code: string } } | null)?.error?.code ?? 'no JSON');
    }
    const read = await fetch(server.url('/api/v1/customers'), { headers: auth() }).catch((error: Error) => ({ status: String(error.cause) }));
    statuses.push(read.status);
    expect(statuses).toEqual([413, 'payload_too_large', 413, 'payload_too_large', 413, 'payload_too_large', 200]);
  });
});
