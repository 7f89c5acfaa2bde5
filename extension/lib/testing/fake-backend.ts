/*
 * Test support: a stand-in for the backend's HTTP API, injected as the API
 * client's fetch, so the background's logic is tested without a server
 * (the real backend is exercised by the end-to-end tests).
 */

export interface FakeCall {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

type Route = (call: FakeCall) => Response | Promise<Response>;

/** A JSON response as the backend sends it. */
export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** The backend's error body. */
export function apiError(status: number, code: string, message: string, details?: unknown): Response {
  return json(status, { error: details === undefined ? { code, message } : { code, message, details } });
}

/**
 * A fetch answering `"METHOD /path"` routes (path under /api/v1, without the
 * query); anything else is a 404. Every call is recorded.
 */
export function fakeBackend(routes: Record<string, Route>) {
  const calls: FakeCall[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const call: FakeCall = {
      method: init.method ?? 'GET',
      path: url.pathname.replace(/^\/api\/v1/, '') + url.search,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const route = routes[`${call.method} ${url.pathname.replace(/^\/api\/v1/, '')}`];
    return route ? route(call) : apiError(404, 'not_found', 'Not found.');
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}
