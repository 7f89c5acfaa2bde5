import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { loginThrottles } from '../../backend/db/schema';
import { bodyOf } from '../support/audit-rows';
import { createTestWorkspace, PASSWORD, type TestWorkspace } from '../support/harness';
import {
  allAuditText,
  manualClock,
  observe,
  signInAttempt,
  signInEventsOf,
  tokenFor,
  workspaceSignInAttempt,
} from '../support/sign-in-attempts';

const MINUTE = 60_000;
const LOCK = 15 * MINUTE;
const AGENT = 'agent@test.example';
const WRONG = 'not-the-password-7';

let ws: TestWorkspace;
let clock: ReturnType<typeof manualClock>;
afterEach(() => ws.close());

async function start(policy = {}) {
  clock = manualClock();
  ws = await createTestWorkspace({ now: clock.now, policy });
}

async function failTimes(n: number, email = AGENT) {
  for (let i = 0; i < n; i++) expect((await signInAttempt(ws, email, WRONG)).status).toBe(401);
}

/** The agent's sign-in events after the harness's own sign-in, as [event, actor type, context]. */
async function agentEvents() {
  const rows = await signInEventsOf(ws, ws.users.agent.id);
  return rows.slice(1).map((r) => [r.event, r.actor.type, r.context]);
}

const failed = (reason: string) => ['login_failed', 'user', { reason }];

describe('account lockout', () => {
  it('locks after five failures, and then the right password fails exactly like a wrong one', async () => {
    await start();
    await failTimes(4);
    const fifthWrong = await observe(await signInAttempt(ws, AGENT, WRONG));
    const rightWhileLocked = await observe(await signInAttempt(ws, AGENT, PASSWORD));
    const wrongWhileLocked = await observe(await signInAttempt(ws, AGENT, WRONG));

    expect(fifthWrong.status).toBe(401);
    expect(JSON.parse(fifthWrong.body)).toEqual({ error: { code: 'invalid_credentials', message: expect.any(String) } });
    expect(rightWhileLocked).toEqual(fifthWrong);
    expect(wrongWhileLocked).toEqual(fifthWrong);
  });

  it('records the failures, the lock-out, the refused attempt, the expiry and the sign-in in order', async () => {
    await start();
    await failTimes(5);
    const lockedAt = clock.now().getTime();
    expect((await signInAttempt(ws, AGENT, PASSWORD)).status).toBe(401);
    clock.advance(LOCK);
    expect((await signInAttempt(ws, AGENT, PASSWORD)).status).toBe(200);

    const until = new Date(lockedAt + LOCK).toISOString();
    expect(await agentEvents()).toEqual([
      ...Array(5).fill(failed('wrong_password')),
      ['locked_out', 'system', { until, lockouts: 1 }],
      ['login_failed', 'user', { reason: 'locked', until, cause: 'lockout' }],
      ['unlocked', 'system', { by: 'expiry' }],
      ['login', 'user', null],
    ]);
    const rows = await signInEventsOf(ws, ws.users.agent.id);
    expect(rows.every((r) => r.category === 'authorization' && r.section === 'user_login' && r.subject.id === ws.users.agent.id)).toBe(true);
    const stored = await allAuditText(ws);
    expect(stored).not.toContain(PASSWORD);
    expect(stored).not.toContain(WRONG);
  });

  it('makes the second lock-out in a row last twice as long', async () => {
    await start();
    await failTimes(5);
    clock.advance(LOCK);
    await failTimes(5);
    const relockedAt = clock.now().getTime();

    clock.advance(LOCK);
    expect((await signInAttempt(ws, AGENT, PASSWORD)).status).toBe(401);
    clock.advance(LOCK - 1);
    expect((await signInAttempt(ws, AGENT, PASSWORD)).status).toBe(401);
    clock.advance(1);
    expect((await signInAttempt(ws, AGENT, PASSWORD)).status).toBe(200);

    const lockOuts = (await signInEventsOf(ws, ws.users.agent.id)).filter((r) => r.event === 'locked_out');
    expect(lockOuts.map((r) => r.context)).toEqual([
      { until: expect.any(String), lockouts: 1 },
      { until: new Date(relockedAt + 2 * LOCK).toISOString(), lockouts: 2 },
    ]);
  });

  it('starts again from one lock-out length after a successful sign-in', async () => {
    await start();
    await failTimes(5);
    clock.advance(LOCK);
    expect((await signInAttempt(ws, AGENT, PASSWORD)).status).toBe(200);
    await failTimes(5);
    clock.advance(LOCK);
    expect((await signInAttempt(ws, AGENT, PASSWORD)).status).toBe(200);
  });

  it('forgets earlier failures after a successful sign-in', async () => {
    await start();
    await failTimes(4);
    expect((await signInAttempt(ws, AGENT, PASSWORD)).status).toBe(200);
    await failTimes(4);
    expect((await signInAttempt(ws, AGENT, PASSWORD)).status).toBe(200);
    expect(await ws.deps.db.reader.select().from(loginThrottles).where(eq(loginThrottles.userId, ws.users.agent.id))).toMatchObject([
      { failures: 0, lockedUntil: null, lockouts: 0, hourFailures: 8 },
    ]);
  });

  it('counts failures only within the window', async () => {
    await start();
    await failTimes(4);
    clock.advance(LOCK);
    await failTimes(4);
    expect((await signInAttempt(ws, AGENT, PASSWORD)).status).toBe(200);
  });

  it('lets an admin unlock a locked account at once, recorded with the admin as actor', async () => {
    await start();
    await failTimes(5);
    const listed = await bodyOf<{ items: { id: string; lock: object }[] }>(await ws.call('GET', '/api/v1/users', { token: ws.tokens.admin }), 200);
    expect(listed.items.find((u) => u.id === ws.users.agent.id)?.lock).toEqual({
      lockedUntil: new Date(clock.now().getTime() + LOCK).toISOString(),
      failures: 5,
      lockouts: 1,
      failuresThisHour: 5,
    });

    const unlocked = await bodyOf<{ lock: object }>(await ws.call('POST', `/api/v1/users/${ws.users.agent.id}/unlock`, { token: ws.tokens.admin }), 200);
    expect(unlocked.lock).toEqual({ lockedUntil: null, failures: 0, lockouts: 0, failuresThisHour: 0 });
    expect((await signInAttempt(ws, AGENT, PASSWORD)).status).toBe(200);

    const events = await signInEventsOf(ws, ws.users.agent.id);
    expect(events.slice(-2)).toMatchObject([
      { event: 'unlocked', actor: { type: 'user', id: ws.users.admin.id }, context: { by: 'admin' } },
      { event: 'login', actor: { type: 'user', id: ws.users.agent.id } },
    ]);
  });
});

describe('hourly cap per account', () => {
  it('refuses attempts past the cap without judging the password, whatever the channel, until the hour is over', async () => {
    // A threshold no one reaches, so only the hourly cap is at work.
    await start({ maxHourlyFailures: 3, lockoutThreshold: 100 });
    await failTimes(2);
    expect((await workspaceSignInAttempt(ws, AGENT, WRONG)).status).toBe(401);
    const wrong = await observe(await signInAttempt(ws, AGENT, WRONG));
    const right = await observe(await signInAttempt(ws, AGENT, PASSWORD));
    expect(right).toEqual(wrong);
    expect(wrong.status).toBe(401);

    const refused = (await signInEventsOf(ws, ws.users.agent.id)).filter((r) => r.context?.reason === 'locked');
    expect(refused.map((r) => r.context)).toEqual(Array(2).fill({ reason: 'locked', until: expect.any(String), cause: 'hourly_limit' }));

    clock.advance(60 * MINUTE);
    expect((await signInAttempt(ws, AGENT, PASSWORD)).status).toBe(200);
  });

  it('is not reset by a successful sign-in', async () => {
    await start({ maxHourlyFailures: 3, lockoutThreshold: 100 });
    await failTimes(2);
    await tokenFor(ws, AGENT, PASSWORD);
    await failTimes(1);
    expect((await signInAttempt(ws, AGENT, PASSWORD)).status).toBe(401);
  });
});
