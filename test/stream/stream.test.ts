import type { Server } from 'node:http';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_LINKS } from '../../backend/audit/definition';
import { appendAudit } from '../../backend/audit/engine';
import { hubOf } from '../../backend/audit/stream/hub';
import { auditStreamRouter } from '../../backend/audit/stream/router';
import { recordAccessDenied } from '../../backend/auth/access-denied';
import { bearerAuth } from '../../backend/auth/authenticate';
import type { AppEnv } from '../../backend/http/app-env';
import { onError } from '../../backend/http/on-error';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { listen, openStream, type SseClient, stopServer } from './sse-client';

let ws: TestWorkspace;
let base: string;
let server: Server;
const clients: SseClient[] = [];

beforeEach(async () => {
  ws = await createTestWorkspace();
  ({ url: base, server } = await listen(ws.app.fetch));
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await stopServer(server);
  ws.close();
});

async function stream(path: string, token: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const client = await openStream(`${base}${path}`, token, headers);
  clients.push(client);
  return client;
}

async function createCustomer(name: string): Promise<string> {
  const res = await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function rename(id: string, name: string): Promise<void> {
  const res = await ws.call('PATCH', `/api/v1/customers/${id}`, { token: ws.tokens.agent, body: { name } });
  expect(res.status).toBe(200);
}

/** A settings change, written through the engine like the settings routes do. */
async function settingsChange(label: string): Promise<void> {
  await ws.deps.writes.run((tx) =>
    appendAudit(tx, ws.systemCtx(), [
      {
        event: 'update',
        category: 'settings',
        section: 'shortcut',
        subject: { type: 'shortcut', id: 'sc-1', label },
        links: NO_LINKS,
        property: 'body',
        before: 'a',
        after: 'b',
      },
    ]),
  );
}

describe('audit live stream', () => {
  it('delivers a change within 1 s of the PATCH that commits it', async () => {
    const id = await createCustomer('Ana');
    const live = await stream('/api/v1/audit/stream', ws.tokens.agent);
    expect(live.status).toBe(200);
    expect(live.response.headers.get('content-type')).toMatch(/^text\/event-stream/);

    const started = Date.now();
    await rename(id, 'Ana Ruiz');
    const event = await live.nextEvent(1_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(event).toMatchObject({ event: 'update', subject: { id }, property: 'name', before: 'Ana', after: 'Ana Ruiz' });
    // The SSE id is the event id, so EventSource resumes from it.
    expect(event!.frameId).toBe(event!.id);
  });

  it('starts at the newest row: what happened before connecting is not replayed', async () => {
    const id = await createCustomer('Old');
    const live = await stream('/api/v1/audit/stream', ws.tokens.admin);
    await rename(id, 'New');
    expect(await live.nextEvent()).toMatchObject({ subject: { id }, property: 'name', after: 'New' });
  });

  it("keeps to the caller's role: an agent never receives settings events", async () => {
    const agent = await stream('/api/v1/audit/stream', ws.tokens.agent);
    const admin = await stream('/api/v1/audit/stream?category=settings', ws.tokens.admin);
    await settingsChange('Greeting');
    const id = await createCustomer('Bea');

    expect(await agent.nextEvent()).toMatchObject({ category: 'customer', subject: { id } });
    expect(await admin.nextEvent()).toMatchObject({ category: 'settings', subject: { label: 'Greeting' } });
    // The admin's filter keeps the customer row out.
    expect(await admin.nextEvent(300)).toBeNull();
  });

  it('applies the filters of the log: one customer only', async () => {
    const ana = await createCustomer('Ana');
    const bea = await createCustomer('Bea');
    const live = await stream(`/api/v1/audit/stream?customer=${bea}`, ws.tokens.agent);
    await rename(ana, 'Ana 2');
    await rename(bea, 'Bea 2');
    expect(await live.nextEvent()).toMatchObject({ subject: { id: bea }, after: 'Bea 2' });
    expect(await live.nextEvent(300)).toBeNull();
  });

  it('refuses a category outside the role with 403 and a malformed Last-Event-ID with 400', async () => {
    const forbidden = await fetch(`${base}/api/v1/audit/stream?category=settings`, {
      headers: { authorization: `Bearer ${ws.tokens.agent}` },
    });
    expect(forbidden.status).toBe(403);
    const bad = await fetch(`${base}/api/v1/audit/stream`, {
      headers: { authorization: `Bearer ${ws.tokens.agent}`, 'last-event-id': 'not-an-id' },
    });
    expect(bad.status).toBe(400);
    expect((await fetch(`${base}/api/v1/audit/stream`)).status).toBe(401);
  });

  it('resumes after a disconnect with exactly the missed rows, then follows live', async () => {
    const id = await createCustomer('V0');
    const path = `/api/v1/audit/stream?customer=${id}`;
    const first = await stream(path, ws.tokens.agent);
    await rename(id, 'V1');
    const seen = await first.nextEvent();
    expect(seen).toMatchObject({ after: 'V1' });
    first.close();

    // Missed while disconnected, with rows of another customer in between.
    const other = await createCustomer('Other');
    await rename(id, 'V2');
    await rename(other, 'Other 2');
    await rename(id, 'V3');

    const resumed = await stream(path, ws.tokens.agent, { 'last-event-id': seen!.id });
    expect((await resumed.nextEvent())?.after).toBe('V2');
    expect((await resumed.nextEvent())?.after).toBe('V3');
    await rename(id, 'V4');
    expect((await resumed.nextEvent())?.after).toBe('V4');
    expect(await resumed.nextEvent(300)).toBeNull();
  });

  it('resumes from ?lastEventId= for clients that cannot set headers', async () => {
    const id = await createCustomer('V0');
    await rename(id, 'V1');
    await rename(id, 'V2');
    const history = (await (await ws.call('GET', `/api/v1/customers/${id}/audit`, { token: ws.tokens.agent })).json()) as {
      items: Array<{ id: string; after: unknown }>;
    };
    const v1 = history.items.find((e) => e.after === 'V1')!;
    const live = await stream(`/api/v1/audit/stream?customer=${id}&lastEventId=${v1.id}`, ws.tokens.agent);
    expect((await live.nextEvent())?.after).toBe('V2');
    expect(await live.nextEvent(300)).toBeNull();
  });

  it('limits each user to 5 open streams and frees a slot when one disconnects', async () => {
    const hub = hubOf(ws.deps);
    const open: SseClient[] = [];
    for (let i = 0; i < 5; i++) open.push(await stream('/api/v1/audit/stream', ws.tokens.agent));
    expect(open.every((s) => s.status === 200)).toBe(true);
    const sixth = await fetch(`${base}/api/v1/audit/stream`, { headers: { authorization: `Bearer ${ws.tokens.agent}` } });
    expect(sixth.status).toBe(429);
    expect(((await sixth.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // Another user has slots of their own.
    expect((await stream('/api/v1/audit/stream', ws.tokens.lead)).status).toBe(200);

    open[0]!.close();
    await until(() => hub.openStreams(ws.users.agent.id) === 4);
    expect((await stream('/api/v1/audit/stream', ws.tokens.agent)).status).toBe(200);

    for (const client of clients.splice(0)) client.close();
    await until(() => hub.openStreams(ws.users.agent.id) === 0 && hub.openStreams(ws.users.lead.id) === 0);
    expect(hub.waiting).toBe(0);
  });
});

describe('audit live stream heartbeat', () => {
  it('sends a comment when nothing else has been sent for the heartbeat interval', async () => {
    const app = new Hono<AppEnv>()
      .use(bearerAuth({ reader: ws.deps.db.reader, lucia: ws.deps.lucia }), recordAccessDenied(ws.deps))
      .route('/audit/stream', auditStreamRouter(ws.deps, { heartbeatMs: 100 }));
    app.onError(onError(ws.deps.log));
    const own = await listen(app.fetch);
    try {
      // Timed from the request: the server's interval starts when it opens the stream, which may be before the client sees the headers.
      const started = Date.now();
      const client = await openStream(`${own.url}/audit/stream`, ws.tokens.agent);
      clients.push(client);
      const frame = await client.nextFrame(1_000);
      expect(frame).toEqual({ comment: 'heartbeat' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(50);
      expect(await client.nextFrame(1_000)).toEqual({ comment: 'heartbeat' });
      client.close();
    } finally {
      await stopServer(own.server);
    }
  });
});

async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
