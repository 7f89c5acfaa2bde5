import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents } from '../../backend/db/schema';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
let conversationId: string;
beforeEach(async () => {
  ws = await createTestWorkspace();
  const customer = (await (await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Ana' } })).json()) as {
    id: string;
  };
  conversationId = (
    (await (
      await ws.call('POST', '/api/v1/conversations', { token: ws.tokens.agent, body: { customerId: customer.id, name: 'Order 1182' } })
    ).json()) as { id: string }
  ).id;
});
afterEach(() => ws.close());

async function auditCount() {
  return (await ws.deps.db.reader.select().from(auditEvents)).length;
}

function patchRaw(body: string, contentType = 'application/json') {
  return ws.app.request(`/api/v1/conversations/${conversationId}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${ws.tokens.agent}`, 'content-type': contentType },
    body,
  });
}

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  return body;
}

describe('bad input is refused with the API’s error shape and writes nothing', () => {
  it.each([
    ['a wrong type', { priority: 3 }],
    ['a value outside the list', { status: 'closed' }],
    ['an unknown field', { status: 'done', sneaky: true }],
    ['snoozing without a wake-up time', { status: 'snoozed' }],
    ['a tag that is too long', { tags: ['x'.repeat(65)] }],
    ['an unknown assignee', { assignedUsers: ['01ARZ3NDEKTSV4RRFFQ69G5FAV'] }],
  ])('400 invalid_request for %s', async (_case, body) => {
    const before = await auditCount();
    const res = await ws.call('PATCH', `/api/v1/conversations/${conversationId}`, { token: ws.tokens.agent, body });
    const error = await expectError(res, 400, 'invalid_request');
    expect(error).toHaveProperty('error.details');
    expect(await auditCount()).toBe(before);
  });

  it('400 invalid_request for malformed JSON', async () => {
    const before = await auditCount();
    await expectError(await patchRaw('{"status": "done"'), 400, 'invalid_request');
    expect(await auditCount()).toBe(before);
  });

  it('413 payload_too_large for a 10 MB body', async () => {
    const before = await auditCount();
    const huge = JSON.stringify({ name: 'x'.repeat(10 * 1024 * 1024) });
    await expectError(await patchRaw(huge), 413, 'payload_too_large');
    expect(await auditCount()).toBe(before);
  });

  it('415 unsupported_media_type for a body that is not JSON', async () => {
    const before = await auditCount();
    await expectError(await patchRaw('status=done', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type');
    expect(await auditCount()).toBe(before);
  });

  it('401 unauthenticated without a token and with a made-up one', async () => {
    await expectError(await ws.call('PATCH', `/api/v1/conversations/${conversationId}`, { body: { status: 'done' } }), 401, 'unauthenticated');
    await expectError(
      await ws.call('GET', `/api/v1/conversations/${conversationId}`, { token: 'not-a-real-token' }),
      401,
      'unauthenticated',
    );
  });

  it('404 not_found for an unknown id and an unknown route', async () => {
    await expectError(await ws.call('GET', '/api/v1/conversations/01ARZ3NDEKTSV4RRFFQ69G5FAV', { token: ws.tokens.agent }), 404, 'not_found');
    await expectError(await ws.call('GET', '/api/v1/nothing-here', { token: ws.tokens.agent }), 404, 'not_found');
  });

  it('400 for a bad list query', async () => {
    await expectError(await ws.call('GET', '/api/v1/customers?limit=500', { token: ws.tokens.agent }), 400, 'invalid_request');
    await expectError(await ws.call('GET', '/api/v1/customers?cursor=bogus', { token: ws.tokens.agent }), 400, 'invalid_request');
    await expectError(await ws.call('GET', '/api/v1/customers?colour=red', { token: ws.tokens.agent }), 400, 'invalid_request');
  });
});
