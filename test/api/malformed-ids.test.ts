import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

/** Ids no route may take for one: a word, a NUL byte, and a 300-character id. */
const MALFORMED = ['not-an-id', '%00', 'A'.repeat(300)];

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createTestWorkspace();
});
afterAll(() => ws.close());

/** Every route of the app with an id in its path, as [method, pattern] (middleware, method ALL, left out). */
function routesWithIds(prefix: string): Array<[string, string]> {
  const keys = ws.app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith(prefix) && r.path.includes('/:')).map((r) => `${r.method} ${r.path}`);
  return [...new Set(keys)].sort().map((key) => key.split(' ') as [string, string]);
}

/** Each path parameter of `pattern` in turn set to `bad`, every other one to a well-formed id. */
function pathsWithOneBadParam(pattern: string, bad: string): Array<{ param: string; path: string }> {
  const params = [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  return params.map((param) => ({
    param,
    path: pattern.replace(/:(\w+)/g, (_, name: string) => (name === param ? bad : ws.deps.newId())),
  }));
}

/**
 * Authenticated by a signature, not by a caller: any id it holds no webhook
 * for, malformed or not, gets the one refusal, so the address cannot be probed.
 */
const SIGNED_ROUTES = new Set(['POST /api/v1/hooks/helpdesk/:id']);

describe('ids in the path', () => {
  it('finds the API and workspace routes that take an id', () => {
    expect(routesWithIds('/api/v1/').length).toBeGreaterThan(30);
    expect(routesWithIds('/workspace/').length).toBeGreaterThan(3);
  });

  it('answers 400 invalid_request naming the parameter, on every API route, to an admin sending a malformed id', async () => {
    const wrong: string[] = [];
    for (const [method, pattern] of routesWithIds('/api/v1/')) {
      if (SIGNED_ROUTES.has(`${method} ${pattern}`)) continue;
      for (const bad of MALFORMED) {
        for (const { param, path } of pathsWithOneBadParam(pattern, bad)) {
          const withBody = method !== 'GET' && method !== 'DELETE';
          const res = await ws.call(method, path, { token: ws.tokens.admin, ...(withBody ? { body: {} } : {}) });
          const body = (await res.json()) as { error?: { code?: string; message?: string; details?: Array<{ path: string | null }> } };
          const named = body.error?.details?.some((d) => d.path === param) ?? false;
          const ok = res.status === 400 && body.error?.code === 'invalid_request' && typeof body.error.message === 'string' && named;
          if (!ok) wrong.push(`${method} ${pattern} with ${param}=${bad.slice(0, 12)}: ${res.status} ${JSON.stringify(body).slice(0, 160)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers a signed route’s malformed id as any unknown one: 401 invalid_signature', async () => {
    for (const route of SIGNED_ROUTES) {
      const [method, pattern] = route.split(' ') as [string, string];
      for (const bad of MALFORMED) {
        const res = await ws.call(method, pattern.replace(':id', bad), { body: {} });
        expect(res.status, `${route} with ${bad.slice(0, 12)}`).toBe(401);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_signature');
      }
    }
  });

  it('shows the 400 page on every workspace route to a signed-in person following a link with a malformed id', async () => {
    const wrong: string[] = [];
    for (const [method, pattern] of routesWithIds('/workspace/')) {
      for (const bad of MALFORMED) {
        for (const { param, path } of pathsWithOneBadParam(pattern, bad)) {
          const withBody = method === 'POST';
          const res = await ws.app.request(path, {
            method,
            redirect: 'manual',
            headers: {
              cookie: ws.sessionCookie(ws.tokens.admin),
              ...(withBody ? { origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' } : {}),
            },
            ...(withBody ? { body: '' } : {}),
          });
          const html = await res.text();
          if (res.status !== 400 || !html.includes('data-status="400"')) wrong.push(`${method} ${pattern} with ${param}=${bad.slice(0, 12)}: ${res.status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
