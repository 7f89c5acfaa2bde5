import type { Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/audit-event';
import { bodyOf } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { listen, openStream, type SseClient, stopServer } from '../stream/sse-client';

/*
 * Where a change came from (IP address, user agent) is a coworker's personal
 * data: admins see it, everyone else reads it as null, in every reader. Real
 * HTTP, so the rows carry a real socket address.
 */

const USER_AGENT = 'Coworker Browser/1.0';

let ws: TestWorkspace;
let base: string;
let server: Server;
const streams: SseClient[] = [];

beforeEach(async () => {
  ws = await createTestWorkspace();
  ({ url: base, server } = await listen(ws.app.fetch));
});
afterEach(async () => {
  for (const live of streams.splice(0)) live.close();
  await stopServer(server);
  ws.close();
});

async function call(method: string, path: string, token: string, body?: object): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'user-agent': USER_AGENT, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

async function stream(token: string): Promise<SseClient> {
  const live = await openStream(`${base}/api/v1/audit/stream?category=customer`, token);
  streams.push(live);
  expect(live.status).toBe(200);
  return live;
}

/** The lead renames a customer: the row every reader below is asked for. */
async function coworkerRename(): Promise<string> {
  const customer = await bodyOf<{ id: string }>(await call('POST', '/api/v1/customers', ws.tokens.agent, { name: 'Ana' }), 201);
  await bodyOf(await call('PATCH', `/api/v1/customers/${customer.id}`, ws.tokens.lead, { name: 'Ana Ruiz' }), 200);
  return customer.id;
}

/** The rename as each reader serves it to `token`: the history page, the workspace log page, the live stream. */
async function renameAsReadBy(token: string, live: SseClient, customerId: string): Promise<AuditEvent[]> {
  const isRename = (e: AuditEvent) => e.property === 'name' && e.subject.id === customerId;
  const history = await bodyOf<{ items: AuditEvent[] }>(await call('GET', `/api/v1/customers/${customerId}/audit`, token), 200);
  const log = await bodyOf<{ items: AuditEvent[] }>(await call('GET', '/api/v1/audit?category=customer', token), 200);
  const streamed: AuditEvent[] = [];
  for (let event = await live.nextEvent(2_000); event; event = await live.nextEvent(2_000)) {
    streamed.push(event);
    if (isRename(event)) break;
  }
  return [history.items.find(isRename)!, log.items.find(isRename)!, streamed.find(isRename)!];
}

describe('where a change came from', () => {
  it('is hidden from an agent in the history page, the workspace log and the stream', async () => {
    const live = await stream(ws.tokens.agent);
    const customerId = await coworkerRename();
    const events = await renameAsReadBy(ws.tokens.agent, live, customerId);
    expect(events).toHaveLength(3);
    for (const event of events) {
      expect(event.actor.id).toBe(ws.users.lead.id);
      expect(event.source).toEqual({ requestId: expect.any(String), ip: null, userAgent: null, apiKeyId: null });
    }
  });

  it('is shown to an admin in the history page, the workspace log and the stream', async () => {
    const live = await stream(ws.tokens.admin);
    const customerId = await coworkerRename();
    const events = await renameAsReadBy(ws.tokens.admin, live, customerId);
    expect(events).toHaveLength(3);
    for (const event of events) {
      expect(event.source).toEqual({ requestId: expect.any(String), ip: '127.0.0.1', userAgent: USER_AGENT, apiKeyId: null });
    }
  });
});
