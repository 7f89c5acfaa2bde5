import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotificationBody, NotificationPageBody, type AppNotification, type NotificationPage } from '../../shared/api-client-responses';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { events, grow, makeWatch, raise } from './support';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

async function page(token: string, query = ''): Promise<NotificationPage> {
  const res = await ws.call('GET', `/api/v1/notifications${query}`, { token });
  expect(res.status).toBe(200);
  return v.parse(NotificationPageBody, await res.json());
}

async function markRead(token: string, id: string): Promise<Response> {
  return ws.call('POST', `/api/v1/notifications/${id}/read`, { token });
}

async function errorOf(res: Response): Promise<{ status: number; code: string }> {
  return { status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code };
}

describe('the notification list', () => {
  it("lists the caller's notifications newest first, naming their watch and events, with the unread count and stream position", async () => {
    const lead = ws.users.lead.id;
    const watch = await makeWatch(ws, lead, 'subject', 'Refund conversation');
    const named = events(ws, 3);
    const older = await raise(ws, lead, watch, { title: 'First', events: named });
    const newer = await raise(ws, lead, watch, { title: 'Second' });
    await raise(ws, ws.users.agent.id, await makeWatch(ws, ws.users.agent.id, 'filter'), { title: "The agent's" });

    const list = await page(ws.tokens.lead);
    expect(list.items.map((n) => n.id)).toEqual([newer, older]);
    expect(list.items[1]).toMatchObject({
      title: 'First',
      count: 3,
      watch: { id: watch, name: 'Refund conversation', kind: 'subject' },
      eventIds: named.map((e) => e.id),
      subject: { type: 'conversation', id: 'c-1', label: 'Refund' },
      link: { kind: 'subject', type: 'conversation', id: 'c-1' },
      readAt: null,
    });
    expect(list.unreadCount).toBe(2);
    expect(list.nextCursor).toBeNull();
    expect(list.position).toBeGreaterThan(0);
    expect((await page(ws.tokens.admin)).position).toBe(0);
  });

  it('names the kind of each watch: a threshold, else a subject or a filter', async () => {
    const lead = ws.users.lead.id;
    for (const kind of ['subject', 'filter', 'threshold'] as const) await raise(ws, lead, await makeWatch(ws, lead, kind));
    const kinds = (await page(ws.tokens.lead)).items.map((n) => n.watch.kind);
    expect(kinds).toEqual(['threshold', 'filter', 'subject']);
  });

  it('names the first 50 events of a burst, oldest first, while its count grows past them', async () => {
    const lead = ws.users.lead.id;
    const watch = await makeWatch(ws, lead, 'filter');
    const first = events(ws, 30);
    const id = await raise(ws, lead, watch, { events: first });
    const more = events(ws, 30).map((e) => ({ ...e, occurredAt: e.occurredAt + 1_000 }));
    await grow(ws, lead, watch, id, more, '60 changes to Refund');

    const [grown] = (await page(ws.tokens.lead)).items;
    expect(grown).toMatchObject({ id, count: 60, title: '60 changes to Refund' });
    expect(grown!.eventIds).toEqual([...first, ...more].slice(0, 50).map((e) => e.id));
  });

  it('pages with an opaque cursor, each notification once', async () => {
    const lead = ws.users.lead.id;
    const watch = await makeWatch(ws, lead, 'filter');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await raise(ws, lead, watch, { title: `N${i}` }));

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const result: NotificationPage = await page(ws.tokens.lead, `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...result.items.map((n) => n.id));
      cursor = result.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it("answers 400 to a tampered cursor, another person's cursor, and a cursor of the other list", async () => {
    const lead = ws.users.lead.id;
    const watch = await makeWatch(ws, lead, 'filter');
    for (let i = 0; i < 3; i++) await raise(ws, lead, watch);
    const { nextCursor } = await page(ws.tokens.lead, '?limit=1');
    expect(nextCursor).not.toBeNull();
    const [body, signature] = nextCursor!.split('.');
    const tampered = `${Buffer.from(Buffer.from(body!, 'base64url').toString().replace('"u:', '"u:x')).toString('base64url')}.${signature}`;

    for (const [token, query] of [
      [ws.tokens.lead, `?cursor=${tampered}`],
      [ws.tokens.agent, `?cursor=${nextCursor}`],
      [ws.tokens.lead, `?unread=true&cursor=${nextCursor}`],
      [ws.tokens.lead, '?cursor=nonsense'],
    ] as const) {
      expect(await errorOf(await ws.call('GET', `/api/v1/notifications${query}`, { token }))).toEqual({ status: 400, code: 'invalid_request' });
    }
  });

  it('answers 400 to a malformed query and leaves the list usable', async () => {
    for (const query of ['?limit=0', '?limit=101', '?limit=ten', '?unread=yes', '?sort=oldest']) {
      expect(await errorOf(await ws.call('GET', `/api/v1/notifications${query}`, { token: ws.tokens.lead }))).toEqual({
        status: 400,
        code: 'invalid_request',
      });
    }
    expect((await page(ws.tokens.lead)).items).toEqual([]);
  });
});

describe('reading notifications', () => {
  it('lists only the unread ones when asked, and marking one read takes it off', async () => {
    const lead = ws.users.lead.id;
    const watch = await makeWatch(ws, lead, 'filter');
    const a = await raise(ws, lead, watch);
    const b = await raise(ws, lead, watch);

    const res = await markRead(ws.tokens.lead, a);
    expect(res.status).toBe(200);
    const marked = v.parse(NotificationBody, await res.json());
    expect(marked).toMatchObject({ id: a, readAt: expect.any(String) });

    const unread = await page(ws.tokens.lead, '?unread=true');
    expect(unread.items.map((n) => n.id)).toEqual([b]);
    expect(unread.unreadCount).toBe(1);
    expect((await page(ws.tokens.lead)).items.map((n) => n.id)).toEqual([b, a]);
  });

  it('marks read idempotently: a second mark changes nothing and adds nothing to the stream', async () => {
    const lead = ws.users.lead.id;
    const id = await raise(ws, lead, await makeWatch(ws, lead, 'filter'));
    const first = (await (await markRead(ws.tokens.lead, id)).json()) as AppNotification;
    const position = (await page(ws.tokens.lead)).position;

    const again = await markRead(ws.tokens.lead, id);
    expect(again.status).toBe(200);
    expect(((await again.json()) as AppNotification).readAt).toBe(first.readAt);
    expect((await page(ws.tokens.lead)).position).toBe(position);
    const count = (await (await ws.call('GET', '/api/v1/notifications/unread-count', { token: ws.tokens.lead })).json()) as unknown;
    expect(count).toEqual({ count: 0, position });
  });

  it('makes a grown notification unread again', async () => {
    const lead = ws.users.lead.id;
    const watch = await makeWatch(ws, lead, 'subject');
    const id = await raise(ws, lead, watch);
    await markRead(ws.tokens.lead, id);
    await grow(ws, lead, watch, id, events(ws, 1), '2 changes to Refund');
    expect((await page(ws.tokens.lead)).items[0]).toMatchObject({ id, count: 2, readAt: null });
  });

  it('marks all read at once, and says how many it marked', async () => {
    const lead = ws.users.lead.id;
    const watch = await makeWatch(ws, lead, 'filter');
    await raise(ws, lead, watch);
    const read = await raise(ws, lead, watch);
    await raise(ws, lead, watch);
    await markRead(ws.tokens.lead, read);
    const agentsOwn = await raise(ws, ws.users.agent.id, await makeWatch(ws, ws.users.agent.id, 'filter'));

    const res = await ws.call('POST', '/api/v1/notifications/read-all', { token: ws.tokens.lead });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { marked: number; unreadCount: number; position: number };
    expect(answer).toEqual({ marked: 2, unreadCount: 0, position: (await page(ws.tokens.lead)).position });
    expect((await page(ws.tokens.lead, '?unread=true')).items).toEqual([]);
    // Nobody else's.
    expect((await page(ws.tokens.agent, '?unread=true')).items.map((n) => n.id)).toEqual([agentsOwn]);

    const again = (await (await ws.call('POST', '/api/v1/notifications/read-all', { token: ws.tokens.lead })).json()) as typeof answer;
    expect(again).toEqual({ ...answer, marked: 0 });
  });
});

describe('whose notifications', () => {
  it("answers 404 to another person's notification and leaves it unread", async () => {
    const agent = ws.users.agent.id;
    const id = await raise(ws, agent, await makeWatch(ws, agent, 'filter'));
    expect(await errorOf(await markRead(ws.tokens.lead, id))).toEqual({ status: 404, code: 'not_found' });
    expect(await errorOf(await markRead(ws.tokens.lead, ws.deps.newId()))).toEqual({ status: 404, code: 'not_found' });
    expect((await page(ws.tokens.lead)).items).toEqual([]);
    expect((await page(ws.tokens.agent)).items[0]).toMatchObject({ id, readAt: null });
  });

  it('answers 400 to a malformed notification id', async () => {
    expect(await errorOf(await markRead(ws.tokens.lead, 'not-an-id'))).toEqual({ status: 400, code: 'invalid_request' });
  });

  it('answers 403 to an API key and 401 to nobody, on every route', async () => {
    const created = await ws.call('POST', '/api/v1/api-keys', { token: ws.tokens.admin, body: { name: 'Sync', kind: 'api' } });
    const key = ((await created.json()) as { secret: string }).secret;
    const routes: Array<[string, string]> = [
      ['GET', '/api/v1/notifications'],
      ['GET', '/api/v1/notifications/unread-count'],
      ['GET', '/api/v1/notifications/stream'],
      ['POST', '/api/v1/notifications/read-all'],
      ['POST', `/api/v1/notifications/${ws.deps.newId()}/read`],
    ];
    for (const [method, path] of routes) {
      expect(await errorOf(await ws.call(method, path, { token: key }))).toEqual({ status: 403, code: 'forbidden' });
      expect((await ws.call(method, path)).status).toBe(401);
    }
  });
});
