import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { startRealServer, type RealServer } from './real-server';

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

/** `curl -X POST URL -H 'Authorization: Bearer …'`: no body, no Content-Length, no Content-Type. */
const curlPost = (path: string) => server.sendRaw(`POST ${path} HTTP/1.1\r\nAuthorization: Bearer ${ws.tokens.admin}`);

describe('a POST with no body and no Content-Length', () => {
  it('unlocks a user', async () => {
    const answer = await curlPost(`/api/v1/users/${ws.users.agent.id}/unlock`);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ id: ws.users.agent.id });
  });

  it('rotates an API key', async () => {
    const created = await ws.call('POST', '/api/v1/api-keys', { token: ws.tokens.admin, body: { name: 'Sync', kind: 'api' } });
    const { id } = (await created.json()) as { id: string };
    const answer = await curlPost(`/api/v1/api-keys/${id}/rotate`);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ id, secret: expect.any(String) });
  });

  it('answers 400 invalid_request where the route needs a body', async () => {
    const answer = await curlPost('/api/v1/customers');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'invalid_request' } });
  });
});
