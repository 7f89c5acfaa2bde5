import { describe, expect, it } from 'vitest';
import { type AppNotification, ApiClient, ApiClientError, type NotificationStreamFrame } from './api-client';

const NOTIFICATION: AppNotification = {
  id: '01JD000000000000000000000N',
  watch: { id: '01JD000000000000000000000W', name: 'Conversation “Refund”', kind: 'subject' },
  title: 'Conversation “Refund”',
  body: 'Lee Lead changed status to done',
  count: 1,
  eventIds: ['01JD000000000000000000000E'],
  firstAt: '2026-12-03T04:00:00.000Z',
  lastAt: '2026-12-03T04:00:00.000Z',
  category: 'conversation',
  subject: { type: 'conversation', id: '01JD000000000000000000000C', label: 'Refund' },
  link: { kind: 'subject', type: 'conversation', id: '01JD000000000000000000000C' },
  createdAt: '2026-12-03T04:00:00.000Z',
  updatedAt: '2026-12-03T04:00:00.000Z',
  readAt: null,
};

function recordingFetch(answer: (url: URL) => Response) {
  const calls: Array<{ url: URL; init: RequestInit }> = [];
  const fetchImpl = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    calls.push({ url, init });
    return answer(url);
  }) as typeof fetch;
  return { calls, fetchImpl };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const sse = (text: string) => new Response(new Blob([text]).stream(), { status: 200, headers: { 'content-type': 'text/event-stream' } });

async function framesOf(text: string, after?: number) {
  const { calls, fetchImpl } = recordingFetch(() => sse(text));
  const frames: NotificationStreamFrame[] = [];
  const client = new ApiClient({ baseUrl: 'http://x.test', token: 'tok', fetch: fetchImpl });
  for await (const frame of await client.notificationStream({ after })) frames.push(frame);
  return { frames, calls };
}

describe('ApiClient: notifications', () => {
  it('asks for a page of notifications with its cursor and the unread filter', async () => {
    const { calls, fetchImpl } = recordingFetch(() => json(200, { items: [NOTIFICATION], nextCursor: 'c2', unreadCount: 1, position: 7 }));
    const page = await new ApiClient({ baseUrl: 'http://x.test', token: 'tok', fetch: fetchImpl }).notifications({ cursor: 'c1', unread: true });
    expect(page).toEqual({ items: [NOTIFICATION], nextCursor: 'c2', unreadCount: 1, position: 7 });
    expect(calls[0]!.url.pathname + calls[0]!.url.search).toBe('/api/v1/notifications?cursor=c1&unread=true');
  });

  it('reads the stream from the position it is given, as notification and read frames with their positions', async () => {
    const { frames, calls } = await framesOf(
      [
        ': heartbeat',
        '',
        'id: 8',
        'event: notification',
        `data: ${JSON.stringify({ notification: NOTIFICATION, unreadCount: 3 })}`,
        '',
        'id: 9',
        'event: read',
        `data: ${JSON.stringify({ ids: null, unreadCount: 0 })}`,
        '',
        '',
      ].join('\n'),
      7,
    );
    expect(new Headers(calls[0]!.init.headers).get('last-event-id')).toBe('7');
    expect(calls[0]!.url.pathname).toBe('/api/v1/notifications/stream');
    expect(frames).toEqual([
      { kind: 'notification', seq: 8, notification: NOTIFICATION, unreadCount: 3 },
      { kind: 'read', seq: 9, ids: null, unreadCount: 0 },
    ]);
  });

  it('opens the stream without a position when it has none (the backend starts at its head)', async () => {
    const { calls } = await framesOf('');
    expect(new Headers(calls[0]!.init.headers).has('last-event-id')).toBe(false);
  });

  it('fails the stream on an entry it does not understand rather than skipping it silently', async () => {
    const error = await framesOf('id: 3\nevent: notification\ndata: {"notification":{"id":"x"},"unreadCount":1}\n\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiClientError);
    expect(error).toMatchObject({ code: 'invalid_response' });
  });

  it('answers the unread count with the position and read-all with what it marked', async () => {
    const { calls, fetchImpl } = recordingFetch((url) =>
      url.pathname.endsWith('/read-all') ? json(200, { marked: 4, unreadCount: 0, position: 12 }) : json(200, { count: 4, position: 11 }),
    );
    const client = new ApiClient({ baseUrl: 'http://x.test', token: 'tok', fetch: fetchImpl });
    expect(await client.unreadNotifications()).toEqual({ count: 4, position: 11 });
    expect(await client.markAllNotificationsRead()).toEqual({ marked: 4, unreadCount: 0, position: 12 });
    expect(calls.map((call) => `${call.init.method} ${call.url.pathname}`)).toEqual([
      'GET /api/v1/notifications/unread-count',
      'POST /api/v1/notifications/read-all',
    ]);
  });
});
