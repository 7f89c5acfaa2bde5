import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { users } from '../../backend/db/schema';
import { createTestWorkspace, PASSWORD, type TestWorkspace } from '../support/harness';
import { manualClock, signInAttempt, signInEventsOf, tokenFor } from '../support/sign-in-attempts';

const MINUTE = 60_000;
const AGENT = 'agent@test.example';
const WRONG = 'not-the-password-7';
const NEW_PASSWORD = 'plum orchards in late october';

let ws: TestWorkspace;
let clock: ReturnType<typeof manualClock>;
afterEach(() => ws.close());

async function start(policy = {}) {
  clock = manualClock();
  ws = await createTestWorkspace({ now: clock.now, policy });
}

function changePassword(token: string, currentPassword: string): Promise<Response> {
  return ws.call('POST', '/api/v1/auth/password', { token, body: { currentPassword, newPassword: NEW_PASSWORD } });
}

async function storedHash(): Promise<string> {
  const [row] = await ws.deps.db.reader.select({ hash: users.passwordHash }).from(users).where(eq(users.id, ws.users.agent.id));
  return row!.hash;
}

/** The agent's authorization events after the harness's own sign-in, as [event, actor type, context]. */
async function agentEvents() {
  const rows = await signInEventsOf(ws, ws.users.agent.id);
  return rows.slice(1).map((r) => [r.event, r.actor.type, r.context]);
}

describe('guessing the current password with a signed-in session', () => {
  it('locks the account after five wrong current passwords, ends its sessions and records every attempt', async () => {
    await start();
    const otherSession = await tokenFor(ws, AGENT, PASSWORD);
    const hash = await storedHash();
    for (let i = 0; i < 5; i++) {
      const res = await changePassword(ws.tokens.agent, WRONG);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_credentials');
    }

    // The guessing session and every other session of the account are over.
    expect((await ws.call('GET', '/api/v1/auth/me', { token: ws.tokens.agent })).status).toBe(401);
    expect((await ws.call('GET', '/api/v1/auth/me', { token: otherSession })).status).toBe(401);
    // Locked: the right password is refused, and nothing was changed.
    expect((await signInAttempt(ws, AGENT, PASSWORD)).status).toBe(401);
    expect(await storedHash()).toBe(hash);

    const until = new Date(clock.now().getTime() + 15 * MINUTE).toISOString();
    expect(await agentEvents()).toEqual([
      ['login', 'user', null], // the second session
      ...Array(5).fill(['password_change_failed', 'user', { reason: 'wrong_password' }]),
      ['locked_out', 'system', { until, lockouts: 1 }],
      ['session_revoked', 'system', { reason: 'locked_out', sessions: 2 }],
      ['login_failed', 'user', { reason: 'locked', until, cause: 'lockout' }],
    ]);
  });

  it('counts wrong current passwords and wrong sign-ins together', async () => {
    await start();
    for (let i = 0; i < 3; i++) expect((await changePassword(ws.tokens.agent, WRONG)).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await signInAttempt(ws, AGENT, WRONG)).status).toBe(401);
    expect((await signInAttempt(ws, AGENT, PASSWORD)).status).toBe(401);
    const events = (await agentEvents()).map(([event]) => event);
    expect(events).toContain('locked_out');
  });

  it('refuses the right current password from a session of a locked account, and records the refusal', async () => {
    await start();
    for (let i = 0; i < 5; i++) expect((await signInAttempt(ws, AGENT, WRONG)).status).toBe(401);
    const hash = await storedHash();

    const res = await changePassword(ws.tokens.agent, PASSWORD);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_credentials');
    expect(await storedHash()).toBe(hash);
    const until = new Date(clock.now().getTime() + 15 * MINUTE).toISOString();
    expect((await agentEvents()).at(-1)).toEqual(['password_change_failed', 'user', { reason: 'locked', until, cause: 'lockout' }]);

    // Once the lock has run out, the right password changes it.
    clock.advance(15 * MINUTE);
    expect((await changePassword(ws.tokens.agent, PASSWORD)).status).toBe(200);
    expect(await storedHash()).not.toBe(hash);
  });

  it('forgets earlier wrong current passwords once the right one is given', async () => {
    await start();
    for (let i = 0; i < 4; i++) expect((await changePassword(ws.tokens.agent, WRONG)).status).toBe(401);
    expect((await changePassword(ws.tokens.agent, PASSWORD)).status).toBe(200);
    expect((await signInAttempt(ws, AGENT, WRONG)).status).toBe(401);
    expect((await signInAttempt(ws, AGENT, NEW_PASSWORD)).status).toBe(200);
  });

  it('shares the per-IP sign-in budget', async () => {
    await start({ loginAttemptsPerIpPerMinute: 3, lockoutThreshold: 100 });
    clock.advance(MINUTE); // past the harness's own sign-ins
    for (let i = 0; i < 3; i++) expect((await changePassword(ws.tokens.agent, WRONG)).status).toBe(401);
    const limited = await changePassword(ws.tokens.agent, WRONG);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
