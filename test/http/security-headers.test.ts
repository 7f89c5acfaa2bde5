import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestWorkspace, PASSWORD, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

async function workspaceCookie(): Promise<string> {
  const res = await ws.app.request('/workspace/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
    body: new URLSearchParams({ email: 'agent@test.example', password: PASSWORD }).toString(),
  });
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

function expectCommonHeaders(res: Response) {
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
}

/** The CSP's directives by name. */
function directivesOf(res: Response): Map<string, string[]> {
  const policy = res.headers.get('content-security-policy') ?? '';
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('security headers', () => {
  it('are on an API answer, with a policy that lets a JSON answer load nothing', async () => {
    const res = await ws.call('GET', '/api/v1/auth/me', { token: ws.tokens.agent });
    expect(res.status).toBe(200);
    expectCommonHeaders(res);
    expect(directivesOf(res).get('default-src')).toEqual(["'none'"]);
  });

  it('are on API errors: 401, 404 and 415', async () => {
    const unauthenticated = await ws.call('GET', '/api/v1/auth/me');
    const missing = await ws.call('GET', '/api/v1/nothing-here', { token: ws.tokens.agent });
    const form = await ws.app.request('/api/v1/customers', {
      method: 'POST',
      headers: { authorization: `Bearer ${ws.tokens.agent}`, 'content-type': 'text/plain' },
      body: 'x',
    });
    expect([unauthenticated.status, missing.status, form.status]).toEqual([401, 404, 415]);
    for (const res of [unauthenticated, missing, form]) expectCommonHeaders(res);
  });

  it('are on a workspace page, whose policy allows its own scripts and forms but no framing, and leaves frames of other origins alone', async () => {
    const res = await ws.app.request('/workspace', { headers: { cookie: await workspaceCookie() } });
    expect(res.status).toBe(200);
    expectCommonHeaders(res);
    const csp = directivesOf(res);
    expect(csp.get('script-src')).toContain("'self'");
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    // An extension may put a frame of its own page in the workspace: nothing may forbid it.
    expect([csp.has('default-src'), csp.has('frame-src'), csp.has('child-src')]).toEqual([false, false, false]);
  });

  it('are on the sign-in page and a workspace 404', async () => {
    const login = await ws.app.request('/workspace/login');
    const missing = await ws.app.request('/workspace/no-such-page', { headers: { cookie: await workspaceCookie() } });
    expect([login.status, missing.status]).toEqual([200, 404]);
    for (const res of [login, missing]) {
      expectCommonHeaders(res);
      expect(directivesOf(res).has('script-src')).toBe(true);
    }
  });

  it('let every inline script of a conversation page run (each is allowed by its hash)', async () => {
    const customer = (await (await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Ana' } })).json()) as { id: string };
    const conversation = (await (
      await ws.call('POST', '/api/v1/conversations', { token: ws.tokens.agent, body: { customerId: customer.id, name: 'Refund' } })
    ).json()) as { id: string };
    const res = await ws.app.request(`/workspace/conversations/${conversation.id}`, { headers: { cookie: await workspaceCookie() } });
    expect(res.status).toBe(200);
    const scripts = [...(await res.text()).matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    const allowed = directivesOf(res).get('script-src') ?? [];
    for (const script of scripts) expect(allowed).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
  });

  it('are on the live stream and the CSV export, which still stream with their own types', async () => {
    const stream = await ws.app.request('/api/v1/audit/stream', { headers: { authorization: `Bearer ${ws.tokens.agent}` } });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    expectCommonHeaders(stream);
    await stream.body?.cancel();
    const csv = await ws.call('GET', '/api/v1/audit/export?format=csv', { token: ws.tokens.admin });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    expectCommonHeaders(csv);
    expect(await csv.text()).toContain('\n');
  });
});
