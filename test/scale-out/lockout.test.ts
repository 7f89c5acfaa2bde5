import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../support/audit-rows';
import { PASSWORD } from '../support/harness';
import { startTwoInstances, type TwoInstances } from '../support/instances-on-sqld';
import { manualClock, signInAttempt, signInEventsOf } from '../support/sign-in-attempts';

const THRESHOLD = 4;
const LOCK_MS = 15 * 60_000;
const EMAIL = 'agent@test.example';

let both: TwoInstances;
const clock = manualClock();

beforeAll(async () => {
  both = await startTwoInstances({ now: clock.now, policy: { lockoutThreshold: THRESHOLD, lockoutBaseMs: LOCK_MS } });
}, 60_000);

afterAll(async () => {
  await both?.stop();
}, 30_000);

describe('the account lockout of two instances on one libSQL server', () => {
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
});
