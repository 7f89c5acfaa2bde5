import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRowsOf, bodyOf } from '../support/audit-rows';
import { createTestWorkspace, PASSWORD, type TestWorkspace } from '../support/harness';
import { createSecondOrg } from '../support/second-org';
import { allAuditText, signInAttempt, signInEventsOf, tokenFor } from '../support/sign-in-attempts';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

interface User {
  id: string;
  email: string;
  name: string;
  role: string;
  disabledAt: string | null;
  lock: { lockedUntil: string | null; failures: number; lockouts: number; failuresThisHour: number };
}

const NEW_PASSWORD = 'a long enough secret 42';
const asAdmin = (method: string, path: string, body?: unknown) => ws.call(method, path, { token: ws.tokens.admin, body });
const patchUser = (id: string, body: unknown) => asAdmin('PATCH', `/api/v1/users/${id}`, body);

describe('users administration', () => {
  it('is refused to agents and leads on every route', async () => {
    for (const role of ['agent', 'lead'] as const) {
      const token = ws.tokens[role];
      const id = ws.users.agent.id;
      const calls = [
        ws.call('GET', '/api/v1/users', { token }),
        ws.call('POST', '/api/v1/users', { token, body: { email: 'x@test.example', name: 'X', role: 'agent', password: NEW_PASSWORD } }),
        ws.call('PATCH', `/api/v1/users/${id}`, { token, body: { role: 'admin' } }),
        ws.call('POST', `/api/v1/users/${id}/unlock`, { token }),
      ];
      for (const res of await Promise.all(calls)) expect(res.status, role).toBe(403);
    }
    expect((await ws.call('GET', '/api/v1/users')).status).toBe(401);
  });

  it('lists the workspace’s people with role, disabled state and lock status, never a password hash', async () => {
    await signInAttempt(ws, 'agent@test.example', 'wrong-password-1');
    const res = await asAdmin('GET', '/api/v1/users');
    const { items } = await bodyOf<{ items: User[] }>(res.clone(), 200);
    expect(items.map((u) => u.email).sort()).toEqual(['admin@test.example', 'agent@test.example', 'lead@test.example']);
    expect(items.find((u) => u.id === ws.users.agent.id)).toMatchObject({
      role: 'agent',
      disabledAt: null,
      lock: { lockedUntil: null, failures: 1, lockouts: 0, failuresThisHour: 1 },
    });
    expect(await res.text()).not.toMatch(/argon2|passwordHash/);
  });

  it('adds a user who can then sign in, recorded as a create without the password', async () => {
    const res = await asAdmin('POST', '/api/v1/users', { email: 'New.Person@Test.Example', name: 'New Person', role: 'lead', password: NEW_PASSWORD });
    const created = await bodyOf<User>(res, 201);
    expect(created).toMatchObject({ email: 'new.person@test.example', role: 'lead', disabledAt: null });
    await tokenFor(ws, 'new.person@test.example', NEW_PASSWORD);

    const [row] = await auditRowsOf(ws, created.id);
    expect(row).toMatchObject({
      event: 'create',
      category: 'settings',
      section: 'access',
      actor: { type: 'user', id: ws.users.admin.id },
      after: { email: 'new.person@test.example', name: 'New Person', role: 'lead' },
    });
    const stored = await allAuditText(ws);
    expect(stored).not.toContain(NEW_PASSWORD);
    expect(stored).not.toContain('argon2');
  });

  it('refuses a taken email (409), a password the policy refuses and unknown fields (400), adding no one', async () => {
    const base = { name: 'Someone', role: 'agent', password: NEW_PASSWORD };
    const post = (body: object) => asAdmin('POST', '/api/v1/users', { ...base, ...body });
    expect((await post({ email: 'agent@test.example' })).status).toBe(409);
    for (const password of ['seven77', 'baseball', 'someone-here']) {
      const refused = await bodyOf<{ error: { code: string; details: unknown } }>(await post({ email: 'new@test.example', password }), 400);
      expect(refused.error).toMatchObject({ code: 'invalid_request', details: [{ path: 'password', message: expect.any(String) }] });
    }
    expect((await post({ email: 'extra@test.example', passwordHash: 'x' })).status).toBe(400);
    const { items } = await bodyOf<{ items: User[] }>(await asAdmin('GET', '/api/v1/users'), 200);
    expect(items).toHaveLength(3);
  });

  it('renames and changes roles, one audited row per property, effective at once', async () => {
    const res = await patchUser(ws.users.lead.id, { name: 'Lead Promoted', role: 'admin' });
    expect(await bodyOf<User>(res, 200)).toMatchObject({ name: 'Lead Promoted', role: 'admin' });
    const updates = (await auditRowsOf(ws, ws.users.lead.id)).filter((r) => r.event === 'update');
    expect(updates.map((r) => [r.property, r.before, r.after])).toEqual(
      expect.arrayContaining([
        ['name', 'Lead Person', 'Lead Promoted'],
        ['role', 'lead', 'admin'],
      ]),
    );
    expect(updates).toHaveLength(2);
    expect((await ws.call('GET', '/api/v1/users', { token: ws.tokens.lead })).status).toBe(200);
  });

  it('disables a user: their sessions end, they cannot sign in, and it is recorded', async () => {
    const res = await patchUser(ws.users.agent.id, { disabled: true });
    expect((await bodyOf<User>(res, 200)).disabledAt).toEqual(expect.any(String));
    expect((await ws.call('GET', '/api/v1/auth/me', { token: ws.tokens.agent })).status).toBe(401);
    expect((await signInAttempt(ws, 'agent@test.example', PASSWORD)).status).toBe(401);

    const rows = (await auditRowsOf(ws, ws.users.agent.id)).filter((r) => r.actor.id === ws.users.admin.id);
    expect(rows).toMatchObject([
      { event: 'disabled', category: 'settings', section: 'access', property: 'disabledAt', before: null, after: expect.any(String) },
      { event: 'session_revoked', category: 'authorization', section: 'user_login', context: { reason: 'disabled', sessions: 1 } },
    ]);
    expect(rows[0]!.changeId).toBe(rows[1]!.changeId);
  });

  it('re-enables a disabled user, recorded as enabled', async () => {
    await bodyOf(await patchUser(ws.users.agent.id, { disabled: true }), 200);
    expect((await bodyOf<User>(await patchUser(ws.users.agent.id, { disabled: false }), 200)).disabledAt).toBeNull();
    await tokenFor(ws, 'agent@test.example', PASSWORD);
    const last = (await auditRowsOf(ws, ws.users.agent.id)).filter((r) => r.section === 'access').at(-1);
    expect(last).toMatchObject({ event: 'enabled', property: 'disabledAt', before: expect.any(String), after: null });
  });

  it('refuses to let admins disable or demote themselves (409), changing nothing', async () => {
    const rowsBefore = await auditRowsOf(ws, ws.users.admin.id);
    expect((await patchUser(ws.users.admin.id, { disabled: true })).status).toBe(409);
    expect((await patchUser(ws.users.admin.id, { role: 'lead', name: 'Still Admin' })).status).toBe(409);
    expect(await auditRowsOf(ws, ws.users.admin.id)).toEqual(rowsBefore);
    expect((await bodyOf<User>(await patchUser(ws.users.admin.id, { name: 'Admin Renamed', role: 'admin' }), 200)).name).toBe('Admin Renamed');
  });

  it('records an unlock only when there was something to forget', async () => {
    await bodyOf(await asAdmin('POST', `/api/v1/users/${ws.users.lead.id}/unlock`), 200);
    expect((await signInEventsOf(ws, ws.users.lead.id)).map((r) => r.event)).toEqual(['login']);
  });

  it('answers 404 for another workspace’s user on every route, and never lists them', async () => {
    const other = await createSecondOrg(ws);
    const foreign = other.ids.user;
    expect((await patchUser(foreign, { disabled: true })).status).toBe(404);
    expect((await patchUser(foreign, { name: 'Taken over' })).status).toBe(404);
    expect((await asAdmin('POST', `/api/v1/users/${foreign}/unlock`)).status).toBe(404);
    const { items } = await bodyOf<{ items: User[] }>(await asAdmin('GET', '/api/v1/users'), 200);
    expect(items.map((u) => u.id)).not.toContain(foreign);
    expect((await ws.call('GET', '/api/v1/auth/me', { token: other.tokens.agent })).status).toBe(200);
  });
});
