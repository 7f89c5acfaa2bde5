import { describe, expect, it } from 'vitest';
import { ApiClient, ApiClientError } from './api-client';

const EVENT_ID = '01JD0000000000000000000001';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A fetch that records its calls and answers from `answer`. */
function recordingFetch(answer: (url: URL, init: RequestInit) => Response | Promise<Response>) {
  const calls: Array<{ url: URL; init: RequestInit }> = [];
  const fetchImpl = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    calls.push({ url, init });
    return answer(url, init);
  }) as typeof fetch;
  return { calls, fetchImpl };
}

function sseBody(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

const user = { id: 'u1', email: 'agent@demo.test', name: 'Ana Ruiz', role: 'agent', orgId: 'o1' };

describe('ApiClient', () => {
  it('signs in under /api/v1 and returns the token and the user', async () => {
    const { calls, fetchImpl } = recordingFetch(() => jsonResponse(200, { token: 't1', expiresAt: '2030-01-01T00:00:00.000Z', user }));
    const client = new ApiClient({ baseUrl: 'http://localhost:8787/', fetch: fetchImpl });

    const session = await client.login('agent@demo.test', 'secret');

    expect(session).toEqual({ token: 't1', expiresAt: '2030-01-01T00:00:00.000Z', user });
    expect(calls[0]?.url.href).toBe('http://localhost:8787/api/v1/auth/login');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ email: 'agent@demo.test', password: 'secret' });
  });

  it("passes the backend's error code, status and message on as an ApiClientError", async () => {
    const { fetchImpl } = recordingFetch(() =>
      jsonResponse(401, { error: { code: 'invalid_credentials', message: 'The email or password is not correct.' } }),
    );
    const error = await new ApiClient({ baseUrl: 'http://x.test', fetch: fetchImpl }).login('a@b.c', 'p').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiClientError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_credentials', message: 'The email or password is not correct.' });
  });

  it('keeps the details of a restore conflict', async () => {
    const details = { current: 'done', before: 'open', after: 'snoozed' };
    const { calls, fetchImpl } = recordingFetch(() => jsonResponse(409, { error: { code: 'conflict', message: 'Changed since.', details } }));
    const client = new ApiClient({ baseUrl: 'http://x.test', token: 'tok', fetch: fetchImpl });

    const error = await client.restore(EVENT_ID, false).catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 409, code: 'conflict', details });
    expect(calls[0]?.url.pathname).toBe(`/api/v1/audit/${EVENT_ID}/restore`);
    expect(new Headers(calls[0]?.init.headers).get('authorization')).toBe('Bearer tok');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ force: false });
  });

  it('reports an unreachable backend as offline', async () => {
    const fetchImpl = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const error = await new ApiClient({ baseUrl: 'http://down.test', fetch: fetchImpl }).me().catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 0, code: 'offline' });
  });

  it('refuses a sign-in answer without a token instead of storing nonsense', async () => {
    const { fetchImpl } = recordingFetch(() => jsonResponse(200, { user }));
    const error = await new ApiClient({ baseUrl: 'http://x.test', fetch: fetchImpl }).login('a@b.c', 'p').catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'invalid_response' });
  });

  it('asks for a subject history with its filters and cursor', async () => {
    const { calls, fetchImpl } = recordingFetch(() => jsonResponse(200, { items: [], nextCursor: null }));
    const client = new ApiClient({ baseUrl: 'http://x.test', token: 't', fetch: fetchImpl });

    const page = await client.history({ type: 'conversation', id: 'C1' }, { event: 'update', actorKind: 'automation', property: 'status', limit: 20 }, 'next');

    expect(page).toEqual({ items: [], nextCursor: null });
    const url = calls[0]!.url;
    expect(url.pathname).toBe('/api/v1/conversations/C1/audit');
    expect(Object.fromEntries(url.searchParams)).toEqual({ event: 'update', actorKind: 'automation', property: 'status', limit: '20', cursor: 'next' });
  });

  it('streams audit events, resuming after the last event id it is given', async () => {
    const first = { id: '01JD0000000000000000000002', occurredAt: '2030-01-01T00:00:00Z', changeId: 'c' };
    const second = { ...first, id: '01JD0000000000000000000003' };
    const body = sseBody([
      'retry: 2000\n\n: heartbeat\n\n',
      `id: ${first.id}\nevent: audit\ndata: ${JSON.stringify(first)}\n\n`,
      // An event split across chunks, with CRLF line ends.
      `id: ${second.id}\r\nevent: audit\r\nda`,
      `ta: ${JSON.stringify(second)}\r\n\r\n`,
    ]);
    const { calls, fetchImpl } = recordingFetch(() => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }));
    const client = new ApiClient({ baseUrl: 'http://x.test', token: 't', fetch: fetchImpl });

    const events = [];
    for await (const event of await client.stream({ type: 'customer', id: 'K1' }, { lastEventId: EVENT_ID })) events.push(event);

    expect(events.map((e) => e.id)).toEqual([first.id, second.id]);
    expect(calls[0]?.url.search).toBe('?customer=K1');
    expect(new Headers(calls[0]?.init.headers).get('last-event-id')).toBe(EVENT_ID);
  });

  it('rejects the stream itself when the backend refuses it', async () => {
    const { fetchImpl } = recordingFetch(() => jsonResponse(401, { error: { code: 'unauthenticated', message: 'Sign in.' } }));
    const error = await new ApiClient({ baseUrl: 'http://x.test', fetch: fetchImpl }).stream({ type: 'customer', id: 'K1' }).catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('asks for the names of several ids in one request, comma-separated', async () => {
    const ids = ['01JD0000000000000000000P01', '01JD0000000000000000000T01'];
    const names = { [ids[0]!]: { type: 'user', name: 'Lee Lead' } };
    const { calls, fetchImpl } = recordingFetch(() => jsonResponse(200, { names }));

    const answer = await new ApiClient({ baseUrl: 'http://x.test', token: 't1', fetch: fetchImpl }).names(ids);

    expect(answer).toEqual(names);
    expect(`${calls[0]?.url.pathname}${calls[0]?.url.search}`).toBe(`/api/v1/audit/names?ids=${ids.join(',')}`);
  });
});
