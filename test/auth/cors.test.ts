import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const FOREIGN = 'https://evil.example';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace({ policy: { corsOrigins: [EXTENSION, 'https://tools.example.com'] } });
});
afterEach(() => ws.close());

function fromOrigin(origin: string, path = '/api/v1/auth/me', token = ws.tokens.agent) {
  return ws.app.request(path, { headers: { origin, authorization: `Bearer ${token}` } });
}

function preflight(origin: string, path = '/api/v1/customers') {
  return ws.app.request(path, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization, content-type' },
  });
}

const CORS_HEADERS = [
  'access-control-allow-origin',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-allow-credentials',
  'access-control-expose-headers',
  'access-control-max-age',
];

describe('CORS on the API', () => {
  it('lets a configured origin read the response, naming that origin', async () => {
    const res = await fromOrigin(EXTENSION);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(EXTENSION);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/Origin/);
  });

  it('lets a configured origin read error responses too', async () => {
    const res = await fromOrigin(EXTENSION, '/api/v1/auth/me', 'not-a-token');
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe(EXTENSION);
  });

  it('never echoes another origin, even one that merely starts like an allowed one', async () => {
    for (const origin of [FOREIGN, `${EXTENSION}.evil.example`, 'https://tools.example.com.evil.example', 'null', 'https://TOOLS.example.com']) {
      const res = await fromOrigin(origin);
      for (const header of CORS_HEADERS) expect(res.headers.get(header), `${header} for ${origin}`).toBeNull();
      expect(res.headers.get('vary')).toMatch(/Origin/);
    }
  });

  it('answers a preflight from a configured origin with the methods and headers the API uses', async () => {
    const res = await preflight(EXTENSION);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(EXTENSION);
    const methods = res.headers.get('access-control-allow-methods')!.split(',');
    expect(methods).toEqual(expect.arrayContaining(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']));
    const headers = res.headers.get('access-control-allow-headers')!.toLowerCase().split(',');
    expect(headers).toEqual(expect.arrayContaining(['authorization', 'content-type']));
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('gives a preflight from any other origin no allow headers at all', async () => {
    const res = await preflight(FOREIGN);
    for (const header of CORS_HEADERS) expect(res.headers.get(header), header).toBeNull();
  });

  it('allows no origin when none is configured', async () => {
    ws.close();
    ws = await createTestWorkspace();
    const res = await fromOrigin(EXTENSION);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await preflight(EXTENSION);
    for (const header of CORS_HEADERS) expect(pre.headers.get(header), header).toBeNull();
  });

  it('leaves requests without an Origin (scripts, curl) as they are', async () => {
    const res = await ws.call('GET', '/api/v1/auth/me', { token: ws.tokens.agent });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
