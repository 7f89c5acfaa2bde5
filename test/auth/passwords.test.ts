import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../backend/auth/passwords';
import { auditEvents, sessions, users } from '../../backend/db/schema';
import { auditRowsOf } from '../support/audit-rows';
import { createTestWorkspace, PASSWORD, type TestWorkspace } from '../support/harness';

const NEW_PASSWORD = 'plum orchards in late october';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

async function signIn(password: string, email = 'agent@test.example'): Promise<Response> {
  return ws.call('POST', '/api/v1/auth/login', { body: { email, password } });
}

async function tokenOf(password: string, email = 'agent@test.example'): Promise<string> {
  const res = await signIn(password, email);
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

function changePassword(token: string, currentPassword: string, newPassword: string): Promise<Response> {
  return ws.call('POST', '/api/v1/auth/password', { token, body: { currentPassword, newPassword } });
}

async function me(token: string): Promise<number> {
  return (await ws.call('GET', '/api/v1/auth/me', { token })).status;
}

async function storedHash(userId: string): Promise<string> {
  const [row] = await ws.deps.db.reader.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row!.hash;
}

describe('changing one’s password', () => {
  it('ends every other session of the user but keeps the one that made the change', async () => {
    const laptop = ws.tokens.agent;
    const phone = await tokenOf(PASSWORD);
    const script = await tokenOf(PASSWORD);
    const res = await changePassword(laptop, PASSWORD, NEW_PASSWORD);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, revokedSessions: 2 });
    expect(await me(laptop)).toBe(200);
    expect(await me(phone)).toBe(401);
    expect(await me(script)).toBe(401);
    // Other people's sessions are not touched.
    expect(await me(ws.tokens.lead)).toBe(200);
    expect(await ws.deps.db.reader.select().from(sessions).where(eq(sessions.userId, ws.users.agent.id))).toHaveLength(1);
  });

  it('makes the old password stop working and the new one work', async () => {
    expect((await changePassword(ws.tokens.agent, PASSWORD, NEW_PASSWORD)).status).toBe(200);
    const old = await signIn(PASSWORD);
    expect(old.status).toBe(401);
    expect(((await old.json()) as { error: { code: string } }).error.code).toBe('invalid_credentials');
    expect((await signIn(NEW_PASSWORD)).status).toBe(200);
  });

  it('stores a new argon2id hash and when it changed, and records it without any password', async () => {
    const before = await storedHash(ws.users.agent.id);
    await tokenOf(PASSWORD); // a second session, to be revoked
    expect((await changePassword(ws.tokens.agent, PASSWORD, NEW_PASSWORD)).status).toBe(200);
    const after = await storedHash(ws.users.agent.id);
    expect(after).not.toBe(before);
    expect(after).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const [user] = await ws.deps.db.reader.select().from(users).where(eq(users.id, ws.users.agent.id));
    expect(user!.passwordChangedAt).toBeInstanceOf(Date);

    const rows = (await auditRowsOf(ws, ws.users.agent.id)).filter((r) => r.event !== 'create' && r.event !== 'login');
    expect(rows.map((r) => r.event)).toEqual(['password_changed', 'session_revoked']);
    for (const row of rows) {
      expect(row).toMatchObject({
        category: 'authorization',
        section: 'user_login',
        actor: { type: 'user', id: ws.users.agent.id },
        subject: { type: 'user', id: ws.users.agent.id },
        property: null,
        before: null,
        after: null,
      });
    }
    expect(rows[1]!.context).toEqual({ reason: 'password_changed', sessions: 1 });
    expect(new Set(rows.map((r) => r.changeId)).size).toBe(1);

    const everything = JSON.stringify(await ws.deps.db.reader.select().from(auditEvents));
    for (const secret of [PASSWORD, NEW_PASSWORD, before, after]) expect(everything).not.toContain(secret);
  });

  it('refuses a wrong current password with 401 and changes nothing', async () => {
    const other = await tokenOf(PASSWORD);
    const hash = await storedHash(ws.users.agent.id);
    const res = await changePassword(ws.tokens.agent, 'not my password', NEW_PASSWORD);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_credentials');
    expect(await storedHash(ws.users.agent.id)).toBe(hash);
    expect(await me(other)).toBe(200);
    expect((await auditRowsOf(ws, ws.users.agent.id)).map((r) => r.event)).not.toContain('password_changed');
  });

  it('refuses a new password the policy does not allow, with the rule that failed', async () => {
    const cases: Array<[string, string]> = [
      ['short1', 'Use at least 8 characters.'],
      ['iloveyou', 'This password is one of the most commonly used ones: choose another.'],
      ['agent@test.example', 'Do not build the password from your name, your email or the name of this service.'],
      ['Agent Person 2026', 'Do not build the password from your name, your email or the name of this service.'],
      ['x'.repeat(1025), 'Use at most 1024 characters.'],
    ];
    for (const [newPassword, message] of cases) {
      const res = await changePassword(ws.tokens.agent, PASSWORD, newPassword);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { code: 'invalid_request', message } });
    }
    expect((await signIn(PASSWORD)).status).toBe(200);
  });

  it('accepts a 1024-character password, which then signs in', async () => {
    const long = 'q7'.repeat(512);
    expect((await changePassword(ws.tokens.agent, PASSWORD, long)).status).toBe(200);
    expect((await signIn(long)).status).toBe(200);
  });

  it('does not truncate: a 200-character password differing only in its last character does not sign in', async () => {
    const long = 'river stone '.repeat(17).slice(0, 199);
    expect((await changePassword(ws.tokens.agent, PASSWORD, long + 'a')).status).toBe(200);
    expect((await signIn(long + 'b')).status).toBe(401);
    expect((await signIn(long + 'a')).status).toBe(200);
  });

  it('is for signed-in people: anonymous callers get 401, API keys 403', async () => {
    expect((await ws.call('POST', '/api/v1/auth/password', { body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } })).status).toBe(401);
    const key = await ws.call('POST', '/api/v1/api-keys', { token: ws.tokens.admin, body: { name: 'Sync', kind: 'api' } });
    const { secret } = (await key.json()) as { secret: string };
    expect((await changePassword(secret, PASSWORD, NEW_PASSWORD)).status).toBe(403);
  });

  it('rejects unknown fields in the request', async () => {
    const res = await ws.call('POST', '/api/v1/auth/password', {
      token: ws.tokens.agent,
      body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, userId: ws.users.admin.id },
    });
    expect(res.status).toBe(400);
    expect((await signIn(PASSWORD)).status).toBe(200);
  });
});

describe('password hashing', () => {
  it('hashes the whole password, however long', async () => {
    const base = 'n'.repeat(199);
    const hash = await hashPassword(base + 'a');
    expect(await verifyPassword(hash, base + 'a')).toBe(true);
    expect(await verifyPassword(hash, base + 'b')).toBe(false);
    expect(await verifyPassword(hash, base)).toBe(false);
  });

  it('treats the composed and decomposed forms of an accented letter as the same password', async () => {
    const hash = await hashPassword('caf\u00e9 au lait');
    expect(await verifyPassword(hash, 'cafe\u0301 au lait')).toBe(true);
  });
});
