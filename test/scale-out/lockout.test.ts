import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../support/audit-rows';
import { PASSWORD } from '../support/harness';
import { startTwoInstances, type TwoInstances } from '../support/instances-on-sqld';
import { manualClock, signInAttempt, signInEventsOf } from '../support/sign-in-attempts';

const THRESHOLD = 4;
const WINDOW_MS = 60_000;
const LOCK_MS = 15 * 60_000;
const HOURLY_CAP = 6;
const EMAIL = 'agent@test.example';

let both: TwoInstances;
const clock = manualClock();

beforeAll(async () => {
  both = await startTwoInstances({ now: clock.now, policy: { lockoutThreshold: THRESHOLD, lockoutWindowMs: WINDOW_MS, lockoutBaseMs: LOCK_MS, maxHourlyFailures: HOURLY_CAP } });
}, 60_000);

afterAll(async () => {
  await both?.stop();
}, 30_000);

describe('the per-account sign-in limits of two instances on one libSQL server', () => {
  it('counts failed sign-ins sent alternately through A and B together: the account locks at the threshold, and then refuses the right password through either', async () => {
    const { a, b } = both;
    const through = (i: number) => (i % 2 === 0 ? a : { ...a, call: b.call });

    // Twice the threshold of wrong guesses at once, half through each instance.
    const guesses = await Promise.all(Array.from({ length: 2 * THRESHOLD }, (_, i) => signInAttempt(through(i), EMAIL, `wrong guess ${i}`)));
    expect(guesses.map((res) => res.status)).toEqual(Array(2 * THRESHOLD).fill(401));

    const events = await signInEventsOf(a, a.users.agent.id);
    const failures = events.filter((e) => e.event === 'login_failed');
    // Only the first THRESHOLD guesses were judged; the rest found the account locked.
    expect(failures.filter((e) => e.context?.reason === 'wrong_password')).toHaveLength(THRESHOLD);
    expect(failures.filter((e) => e.context?.reason === 'locked')).toHaveLength(THRESHOLD);
    expect(events.filter((e) => e.event === 'locked_out')).toHaveLength(1);

    for (const instance of [through(0), through(1)]) {
      const res = await signInAttempt(instance, EMAIL, PASSWORD);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_credentials' } });
    }
    const listed = await bodyOf<{ items: { id: string; lock: object }[] }>(await b.call('GET', '/api/v1/users', { token: a.tokens.admin }), 200);
    expect(listed.items.find((u) => u.id === a.users.agent.id)?.lock).toMatchObject({
      lockedUntil: expect.any(String),
      failures: THRESHOLD,
      lockouts: 1,
    });

    // Once the lock has run out, the right password opens a session through either instance.
    clock.advance(LOCK_MS);
    expect((await signInAttempt(through(1), EMAIL, PASSWORD)).status).toBe(200);
  }, 30_000);

  it('count the hourly cap of failures across A and B: failures too far apart to lock the account still reach the cap together', async () => {
    const { a, b } = both;
    const email = 'lead@test.example';
    const onB = { ...a, call: b.call };
    const wrongThrough = async (instances: (typeof a)[]) => {
      for (const instance of instances) expect((await signInAttempt(instance, email, 'wrong guess')).status).toBe(401);
    };
    // Two runs of failures below the threshold, a lockout window apart: no lock, but six failures this hour.
    await wrongThrough([a, onB, a]);
    clock.advance(2 * WINDOW_MS);
    await wrongThrough([onB, a, onB]);

    for (const instance of [a, onB]) expect((await signInAttempt(instance, email, PASSWORD)).status).toBe(401);
    const refusals = (await signInEventsOf(a, a.users.lead.id)).filter((e) => e.event === 'login_failed' && e.context?.reason === 'locked');
    expect(refusals.map((e) => e.context?.cause)).toEqual(['hourly_limit', 'hourly_limit']);
    expect((await signInEventsOf(a, a.users.lead.id)).filter((e) => e.event === 'locked_out')).toHaveLength(0);
  }, 30_000);
});
