import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../backend/app';
import { bootstrap } from '../../backend/bootstrap';
import { notifications } from '../../backend/db/schema';
import type { AppDeps } from '../../backend/deps';
import { createLogger } from '../../backend/logger';
import { notificationHubOf } from '../../backend/notifications/feed-hub';
import type { AppNotification } from '../../shared/api-client-responses';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { type Frame, listen, openStream, type SseClient, stopServer } from '../stream/sse-client';
import { events, grow, makeWatch, raise } from './support';

let dir: string;
let ws: TestWorkspace;
let base: string;
let server: Server;
const clients: SseClient[] = [];
const cleanups: Array<() => Promise<void> | void> = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'auditdesk-notify-'));
  ws = await createTestWorkspace({ databaseUrl: `file:${join(dir, 'auditdesk.db')}` });
  ({ url: base, server } = await listen(ws.app.fetch));
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await stopServer(server);
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

async function stream(token: string, options: { query?: string; headers?: Record<string, string>; at?: string } = {}): Promise<SseClient> {
  const client = await openStream(`${options.at ?? base}/api/v1/notifications/stream${options.query ?? ''}`, token, options.headers);
  clients.push(client);
  return client;
}

type NotificationFrame = { seq: string; notification: AppNotification; unreadCount: number };
type ReadFrame = { seq: string; ids: string[] | null; unreadCount: number };

/** The next frame that is not a heartbeat. */
async function next(client: SseClient, timeoutMs = 2_000): Promise<Frame | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = await client.nextFrame(Math.max(0, deadline - Date.now()));
    if (!frame || frame.event) return frame;
  }
}

async function nextNotification(client: SseClient, timeoutMs?: number): Promise<NotificationFrame> {
  const frame = await next(client, timeoutMs);
  expect(frame?.event).toBe('notification');
  return { seq: frame!.id!, ...(JSON.parse(frame!.data!) as Omit<NotificationFrame, 'seq'>) };
}

async function nextRead(client: SseClient): Promise<ReadFrame> {
  const frame = await next(client);
  expect(frame?.event).toBe('read');
  return { seq: frame!.id!, ...(JSON.parse(frame!.data!) as Omit<ReadFrame, 'seq'>) };
}

describe('the notification stream', () => {
  it('sends a notification raised after connecting, with the unread count, within 1 s', async () => {
    const lead = ws.users.lead.id;
    const watch = await makeWatch(ws, lead, 'subject', 'Refund conversation');
    const live = await stream(ws.tokens.lead);
    expect(live.status).toBe(200);
    expect(live.response.headers.get('content-type')).toMatch(/^text\/event-stream/);

    const started = Date.now();
    const id = await raise(ws, lead, watch, { title: 'Refund is done' });
    const frame = await nextNotification(live, 1_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(frame.notification).toMatchObject({ id, title: 'Refund is done', watch: { id: watch, name: 'Refund conversation', kind: 'subject' } });
    expect(frame.unreadCount).toBe(1);
    // The SSE id is the stream position the list answers.
    const list = (await (await ws.call('GET', '/api/v1/notifications', { token: ws.tokens.lead })).json()) as { position: number };
    expect(Number(frame.seq)).toBe(list.position);
  });

  it("starts at the caller's head: earlier notifications are not replayed, and nobody else's are sent", async () => {
    const lead = ws.users.lead.id;
    const watch = await makeWatch(ws, lead, 'filter');
    await raise(ws, lead, watch, { title: 'Before' });
    const live = await stream(ws.tokens.lead);
    await raise(ws, ws.users.agent.id, await makeWatch(ws, ws.users.agent.id, 'filter'), { title: "The agent's" });
    await raise(ws, lead, watch, { title: 'After' });
    expect((await nextNotification(live)).notification.title).toBe('After');
    expect(await next(live, 300)).toBeNull();
  });

  it('resumes with Last-Event-ID sending each missed entry once, then follows live', async () => {
    const lead = ws.users.lead.id;
    const watch = await makeWatch(ws, lead, 'filter');
    const first = await stream(ws.tokens.lead);
    await raise(ws, lead, watch, { title: 'N1' });
    const seen = await nextNotification(first);
    first.close();

    await raise(ws, lead, watch, { title: 'N2' });
    await raise(ws, ws.users.agent.id, await makeWatch(ws, ws.users.agent.id, 'filter'));
    await raise(ws, lead, watch, { title: 'N3' });

    const resumed = await stream(ws.tokens.lead, { headers: { 'last-event-id': seen.seq } });
    expect((await nextNotification(resumed)).notification.title).toBe('N2');
    expect((await nextNotification(resumed)).notification.title).toBe('N3');
    await raise(ws, lead, watch, { title: 'N4' });
    expect((await nextNotification(resumed)).notification.title).toBe('N4');
    expect(await next(resumed, 300)).toBeNull();
  });

  it('resumes from ?after= for clients that cannot set headers; the header wins when both are sent', async () => {
    const lead = ws.users.lead.id;
    const watch = await makeWatch(ws, lead, 'filter');
    await raise(ws, lead, watch, { title: 'N1' });
    const { position } = (await (await ws.call('GET', '/api/v1/notifications', { token: ws.tokens.lead })).json()) as { position: number };
    await raise(ws, lead, watch, { title: 'N2' });

    const fromQuery = await stream(ws.tokens.lead, { query: `?after=${position}` });
    expect((await nextNotification(fromQuery)).notification.title).toBe('N2');
    expect(await next(fromQuery, 300)).toBeNull();

    const both = await stream(ws.tokens.lead, { query: '?after=0', headers: { 'last-event-id': String(position) } });
    expect((await nextNotification(both)).notification.title).toBe('N2');
  });

  it('starts at the head for a position this database never gave (one replaced since)', async () => {
    const lead = ws.users.lead.id;
    const watch = await makeWatch(ws, lead, 'filter');
    const live = await stream(ws.tokens.lead, { headers: { 'last-event-id': '5000' } });
    await raise(ws, lead, watch, { title: 'New' });
    expect((await nextNotification(live)).notification.title).toBe('New');
  });

  it('moves past a feed entry whose notification is gone and sends the next one', async () => {
    const lead = ws.users.lead.id;
    const watch = await makeWatch(ws, lead, 'filter');
    const gone = await raise(ws, lead, watch, { title: 'Gone' });
    await raise(ws, lead, watch, { title: 'Kept' });
    await ws.deps.writes.run((tx) => tx.delete(notifications).where(eq(notifications.id, gone)));

    const live = await stream(ws.tokens.lead, { query: '?after=0' });
    expect((await nextNotification(live)).notification.title).toBe('Kept');
    expect(await next(live, 300)).toBeNull();
  });

  it('sends a grown notification again, with the same id and the bigger count', async () => {
    const lead = ws.users.lead.id;
    const watch = await makeWatch(ws, lead, 'subject');
    const live = await stream(ws.tokens.lead);
    const id = await raise(ws, lead, watch);
    expect((await nextNotification(live)).notification).toMatchObject({ id, count: 1 });
    await grow(ws, lead, watch, id, events(ws, 2), '3 changes to Refund');
    const grown = await nextNotification(live);
    expect(grown.notification).toMatchObject({ id, count: 3, title: '3 changes to Refund' });
    expect(grown.unreadCount).toBe(1);
  });

  it('sends markings as read frames: the ids marked, or null for all, with the unread count', async () => {
    const lead = ws.users.lead.id;
    const watch = await makeWatch(ws, lead, 'filter');
    const a = await raise(ws, lead, watch);
    const b = await raise(ws, lead, watch);
    await raise(ws, lead, watch);
    const live = await stream(ws.tokens.lead);

    await ws.call('POST', `/api/v1/notifications/${a}/read`, { token: ws.tokens.lead });
    expect(await nextRead(live)).toMatchObject({ ids: [a], unreadCount: 2 });
    await ws.call('POST', `/api/v1/notifications/${a}/read`, { token: ws.tokens.lead });
    await ws.call('POST', '/api/v1/notifications/read', { token: ws.tokens.lead, body: { ids: [a, b] } });
    // The repeated marks of `a` changed nothing, so they sent nothing.
    expect(await nextRead(live)).toMatchObject({ ids: [b], unreadCount: 1 });
    await ws.call('POST', '/api/v1/notifications/read-all', { token: ws.tokens.lead });
    expect(await nextRead(live)).toMatchObject({ ids: null, unreadCount: 0 });
    expect(await next(live, 300)).toBeNull();
  });

  it('answers 400 to a malformed Last-Event-ID or ?after, and to unknown parameters', async () => {
    for (const [query, headers] of [
      ['', { 'last-event-id': 'abc' }],
      ['', { 'last-event-id': '-1' }],
      ['?after=1.5', {}],
      ['?after=99999999999999999999', {}],
      ['?lastEventId=3', {}],
    ] as const) {
      const res = await fetch(`${base}/api/v1/notifications/stream${query}`, { headers: { authorization: `Bearer ${ws.tokens.lead}`, ...headers } });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
    expect((await stream(ws.tokens.lead)).status).toBe(200);
  });

  it('limits each person to 5 open streams in a process and frees a slot when one disconnects', async () => {
    const hub = notificationHubOf(ws.deps);
    const open: SseClient[] = [];
    for (let i = 0; i < 5; i++) open.push(await stream(ws.tokens.lead));
    expect(open.every((s) => s.status === 200)).toBe(true);
    const sixth = await fetch(`${base}/api/v1/notifications/stream`, { headers: { authorization: `Bearer ${ws.tokens.lead}` } });
    expect(sixth.status).toBe(429);
    expect((await stream(ws.tokens.agent)).status).toBe(200);

    open[0]!.close();
    await until(() => hub.openStreams(ws.users.lead.id) === 4);
    expect((await stream(ws.tokens.lead)).status).toBe(200);

    for (const client of clients.splice(0)) client.close();
    await until(() => hub.openStreams(ws.users.lead.id) === 0 && hub.openStreams(ws.users.agent.id) === 0);
    expect(hub.waiting).toBe(0);
  });
});

describe('the notification stream across processes', () => {
  /** A second app on the same database file: another Auditdesk process, as far as the database is concerned. */
  async function secondServer(): Promise<{ deps: AppDeps; url: string }> {
    const deps = await bootstrap({ databaseUrl: `file:${join(dir, 'auditdesk.db')}`, log: createLogger('silent') });
    const running = await listen(createApp(deps).fetch);
    cleanups.push(() => deps.db.close());
    cleanups.push(() => stopServer(running.server));
    return { deps, url: running.url };
  }

  it('delivers on server B, within 1 s, a notification written through server A', async () => {
    const b = await secondServer();
    const lead = ws.users.lead.id;
    const watch = await makeWatch(ws, lead, 'subject');
    const live = await stream(ws.tokens.lead, { at: b.url });
    expect(live.status).toBe(200);

    for (const title of ['First', 'Second']) {
      const started = Date.now();
      await raise(ws, lead, watch, { title, writes: ws.deps.writes });
      expect((await nextNotification(live, 1_000)).notification.title).toBe(title);
      expect(Date.now() - started).toBeLessThan(1_000);
    }
  });

  it('stops reading the feed once no stream waits', async () => {
    const b = await secondServer();
    const hub = notificationHubOf(b.deps);
    const live = await stream(ws.tokens.lead, { at: b.url });
    await until(() => hub.waiting === 1);
    live.close();
    await until(() => hub.waiting === 0 && hub.openStreams(ws.users.lead.id) === 0);
    const changes = hub.signalOf(ws.users.lead.id);
    const version = changes.version;
    await raise(ws, ws.users.lead.id, await makeWatch(ws, ws.users.lead.id, 'filter'));
    await new Promise((r) => setTimeout(r, 600));
    expect(changes.version).toBe(version);
  });
});

async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
