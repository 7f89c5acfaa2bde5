import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { updateEntity } from '../../backend/audit/engine';
import type { AuthPolicy } from '../../backend/auth/policy';
import { sha256 } from '../../backend/auth/tokens';
import { userEntity } from '../../backend/auth/user-entity';
import { sessions } from '../../backend/db/schema';
import { createTestWorkspace, PASSWORD, type TestWorkspace } from '../support/harness';

const MINUTE = 60_000;
const POLICY: Partial<AuthPolicy> = { sessionIdleMs: 10 * MINUTE, sessionAbsoluteMs: 60 * MINUTE };

let ws: TestWorkspace;
let clock: number;
const START = Date.parse('2026-03-02T09:00:00.000Z');

async function workspace(policy: Partial<AuthPolicy> = POLICY): Promise<TestWorkspace> {
  clock = START;
  ws = await createTestWorkspace({ now: () => new Date(clock), policy });
  return ws;
}
afterEach(() => ws.close());

/** Moves the injected clock to `ms` after the sign-in. */
function at(ms: number) {
  clock = START + ms;
}

async function me(token: string): Promise<number> {
  return (await ws.call('GET', '/api/v1/auth/me', { token })).status;
}

async function rowOf(token: string) {
  const [row] = await ws.deps.db.reader.select().from(sessions).where(eq(sessions.id, sha256(token)));
  return row;
}

async function signIn(email = 'agent@test.example', password = PASSWORD): Promise<Response> {
  return ws.call('POST', '/api/v1/auth/login', { body: { email, password } });
}

describe('session lifetime', () => {
  it('ends a session left unused for the idle timeout, and deletes it', async () => {
    await workspace();
    const token = ws.tokens.agent;
    at(10 * MINUTE - 1);
    expect(await me(token)).toBe(200);
    at(20 * MINUTE - 1); // unused for exactly the idle timeout since the last request
    expect(await me(token)).toBe(401);
    expect(await rowOf(token)).toBeUndefined();
    at(20 * MINUTE);
    expect(await me(token)).toBe(401);
  });

  it('keeps a session alive while it is used within the idle timeout', async () => {
    await workspace();
    for (let minute = 8; minute <= 56; minute += 8) {
      at(minute * MINUTE);
      expect(await me(ws.tokens.agent)).toBe(200);
    }
  });

  it('ends even a busy session at its absolute lifetime', async () => {
    await workspace();
    const token = ws.tokens.lead;
    for (let minute = 5; minute < 60; minute += 5) {
      at(minute * MINUTE);
      expect(await me(token)).toBe(200);
    }
    at(60 * MINUTE - 1);
    expect(await me(token)).toBe(200);
    at(60 * MINUTE); // used a moment ago, but signed in an hour ago
    expect(await me(token)).toBe(401);
    expect(await rowOf(token)).toBeUndefined();
  });

  it('follows the configured limits, not lucia’s built-in ones', async () => {
    await workspace({ sessionIdleMs: 2 * MINUTE, sessionAbsoluteMs: 3 * MINUTE });
    at(1.5 * MINUTE);
    expect(await me(ws.tokens.admin)).toBe(200);
    at(3 * MINUTE);
    expect(await me(ws.tokens.admin)).toBe(401);
  });

  it('reports the absolute end of a new session at sign-in', async () => {
    await workspace();
    at(5 * MINUTE);
    const res = await signIn();
    expect(res.status).toBe(200);
    const { expiresAt } = (await res.json()) as { expiresAt: string };
    expect(expiresAt).toBe(new Date(START + 65 * MINUTE).toISOString());
  });

  it('records the last use at most once a minute, not on every request', async () => {
    await workspace();
    const token = ws.tokens.agent;
    expect((await rowOf(token))!.lastSeenAt).toBe(START);
    for (const seconds of [1, 20, 59]) {
      at(seconds * 1000);
      expect(await me(token)).toBe(200);
      expect((await rowOf(token))!.lastSeenAt).toBe(START);
    }
    at(61_000);
    expect(await me(token)).toBe(200);
    expect((await rowOf(token))!).toMatchObject({ lastSeenAt: START + 61_000, expiresAt: START + 61_000 + 10 * MINUTE });
    at(90_000);
    expect(await me(token)).toBe(200);
    expect((await rowOf(token))!.lastSeenAt).toBe(START + 61_000);
  });
});

describe('session tokens', () => {
  it('are useless after sign-out', async () => {
    await workspace();
    const token = ws.tokens.agent;
    expect((await ws.call('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    expect(await me(token)).toBe(401);
    expect(await rowOf(token)).toBeUndefined();
    // Other people's sessions go on.
    expect(await me(ws.tokens.lead)).toBe(200);
  });

  it('are new at every sign-in and carry at least 128 random bits', async () => {
    await workspace();
    const tokens = new Set<string>([ws.tokens.agent]);
    for (let i = 0; i < 3; i++) tokens.add(((await (await signIn()).json()) as { token: string }).token);
    expect(tokens.size).toBe(4);
    for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{40}$/); // 40 base32 characters: 200 bits
  });

  it('are not stored: a row holds only a hash, which does not authenticate', async () => {
    await workspace();
    const rows = await ws.deps.db.reader.select().from(sessions);
    expect(rows).toHaveLength(3);
    const stored = JSON.stringify(rows);
    for (const token of Object.values(ws.tokens)) {
      expect(stored).not.toContain(token);
      expect(rows.map((r) => r.id)).toContain(sha256(token));
    }
    for (const row of rows) expect(await me(row.id)).toBe(401);
  });

  it('stop working once the account is disabled', async () => {
    await workspace();
    await ws.deps.writes.run((tx) =>
      updateEntity(tx, ws.systemCtx(), userEntity, ws.users.agent.id, {}, { system: { disabledAt: new Date(clock) } }),
    );
    expect(await me(ws.tokens.agent)).toBe(401);
  });
});

/** Signs in through the workspace's form (same origin, as a browser on this site). */
async function workspaceSignIn(): Promise<string> {
  const res = await ws.app.request('/workspace/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
    body: new URLSearchParams({ email: 'agent@test.example', password: PASSWORD }).toString(),
  });
  expect(res.status).toBe(303);
  return res.headers.get('set-cookie') ?? '';
}

/** 200 when the cookie signs a person in to the workspace; 401 when its home page sends them to sign in. */
async function meWithCookie(cookie: string): Promise<{ status: number }> {
  const res = await ws.app.request('/workspace', { headers: { cookie } });
  return { status: res.status === 302 && res.headers.get('location')?.startsWith('/workspace/login') ? 401 : res.status };
}

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Lax, host-only and lasts as long as a session can', async () => {
    await workspace({ ...POLICY, secureCookies: false });
    const setCookie = await workspaceSignIn();
    expect(setCookie).toMatch(/^auditdesk_session=[a-z2-7]{40};/);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(setCookie).toMatch(/;\s*Path=\//i);
    expect(setCookie).toMatch(/;\s*Max-Age=3600\b/i);
    expect(setCookie).not.toMatch(/Domain=/i);
    // Served over plain http (a local demo), Secure would stop the browser sending it.
    expect(setCookie).not.toMatch(/;\s*Secure/i);
    expect((await meWithCookie(setCookie.split(';')[0]!)).status).toBe(200);
  });

  it('over https is Secure and named with the __Host- prefix, and read back under that name', async () => {
    await workspace({ ...POLICY, secureCookies: true });
    const setCookie = await workspaceSignIn();
    expect(setCookie).toMatch(/^__Host-auditdesk_session=[a-z2-7]{40};/);
    expect(setCookie).toMatch(/;\s*Secure/i);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(setCookie).toMatch(/;\s*Path=\//i);
    expect(setCookie).not.toMatch(/Domain=/i);
    const pair = setCookie.split(';')[0]!;
    expect((await meWithCookie(pair)).status).toBe(200);
    // The same token under the unprefixed name (which any subdomain could set) is not read.
    expect((await meWithCookie(pair.replace('__Host-', ''))).status).toBe(401);
  });

  it('ends with the session it carries', async () => {
    await workspace();
    const cookie = (await workspaceSignIn()).split(';')[0]!;
    at(10 * MINUTE);
    expect((await meWithCookie(cookie)).status).toBe(401);
  });
});
