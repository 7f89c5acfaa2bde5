import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiKeys } from '../../backend/db/schema';
import { createTestWorkspace, PASSWORD, type TestWorkspace } from '../support/harness';
import { errorCodeOf, startRealServer, type RealServer } from './real-server';

let ws: TestWorkspace;
let server: RealServer;
beforeEach(async () => {
  ws = await createTestWorkspace();
  server = await startRealServer(ws);
});
afterEach(async () => {
  await server.close();
  ws.close();
});

/** The admin's workspace session cookie, from the workspace's own sign-in form. */
async function workspaceCookie(): Promise<string> {
  const res = await ws.app.request('/workspace/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
    body: new URLSearchParams({ email: 'admin@test.example', password: PASSWORD }).toString(),
  });
  expect(res.status).toBe(303);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function keySecretHash(): Promise<string> {
  const [row] = await ws.deps.db.reader.select({ secretHash: apiKeys.secretHash }).from(apiKeys);
  return row!.secretHash;
}

async function workspaceStillSignedIn(cookie: string): Promise<boolean> {
  return (await ws.app.request('/workspace', { headers: { cookie } })).status === 200;
}

describe('the API, called with only the workspace cookie (a page on another site posting at it)', () => {
  it('answers 401 to rotating an API key and leaves the key as it was', async () => {
    const created = await ws.call('POST', '/api/v1/api-keys', { token: ws.tokens.admin, body: { name: 'Sync', kind: 'api' } });
    const { id } = (await created.json()) as { id: string };
    const before = await keySecretHash();
    const cookie = await workspaceCookie();

    const answer = await server.send({ method: 'POST', path: `/api/v1/api-keys/${id}/rotate`, headers: { cookie, origin: 'http://127.0.0.1:9999' } });

    expect(errorCodeOf(answer)).toBe('401 unauthenticated');
    expect(await keySecretHash()).toBe(before);
  });

  it('answers 401 to signing out and the workspace session keeps working', async () => {
    const cookie = await workspaceCookie();

    const answer = await server.send({ method: 'POST', path: '/api/v1/auth/logout', headers: { cookie } });

    expect(errorCodeOf(answer)).toBe('401 unauthenticated');
    expect(await workspaceStillSignedIn(cookie)).toBe(true);
  });
});

describe('the API body check', () => {
  const auth = () => ({ authorization: `Bearer ${ws.tokens.admin}` });

  for (const contentType of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
    it(`answers 415 to an empty ${contentType.split(';')[0]} post (content-length: 0)`, async () => {
      const answer = await server.send(
        { method: 'POST', path: '/api/v1/auth/logout', headers: { ...auth(), 'content-type': contentType, 'content-length': '0' } },
        '',
      );
      expect(errorCodeOf(answer)).toBe('415 unsupported_media_type');
      expect((await ws.call('GET', '/api/v1/auth/me', { token: ws.tokens.admin })).status).toBe(200);
    });
  }

  it('answers 415 to a body without a content type', async () => {
    const answer = await server.send({ method: 'POST', path: '/api/v1/customers', headers: { ...auth(), 'content-length': '8' } }, 'name=Ana');
    expect(errorCodeOf(answer)).toBe('415 unsupported_media_type');
  });
});
