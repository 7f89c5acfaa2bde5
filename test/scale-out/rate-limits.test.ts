import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwoInstances, type TwoInstances } from '../support/instances-on-sqld';
import { manualClock, signInAttempt } from '../support/sign-in-attempts';

const MINUTE = 60_000;
const PER_IP = 3;
const PER_PERSON = 5;

let both: TwoInstances;
const clock = manualClock();

beforeAll(async () => {
  both = await startTwoInstances({ now: clock.now, policy: { loginAttemptsPerIpPerMinute: PER_IP, userRequestsPerMinute: PER_PERSON } });
}, 60_000);

afterAll(async () => {
  await both?.stop();
}, 30_000);

/*
 * The per-IP and per-caller limits are counted in each process's memory (a
 * database write per request would cost more than they protect). These
 * tests hold the 429s to saying so: what one instance refuses, another,
 * counting its own, still serves.
 */
describe('the rate limits of two instances on one libSQL server', () => {
  it('count sign-in attempts per network in each process, and the 429 says the budget is each server process’s', async () => {
    const { a, b } = both;
    // The workspace's own sign-ins through A are a minute old.
    clock.advance(MINUTE);
    const onB = { ...a, call: b.call };
    // An unknown email, so no account's lockout is involved.
    for (let i = 0; i < PER_IP; i++) expect((await signInAttempt(a, 'nobody@test.example', 'guess')).status).toBe(401);

    const limited = await signInAttempt(a, 'nobody@test.example', 'guess');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(await limited.json()).toEqual({
      error: {
        code: 'rate_limited',
        message: `Too many sign-in attempts from your network (each server process accepts ${PER_IP} a minute from one network). Wait a minute and try again.`,
      },
    });
    expect((await signInAttempt(onB, 'nobody@test.example', 'guess')).status).toBe(401);
  }, 30_000);

  it('count a person’s requests in each process, and the 429 says the allowance is each server process’s', async () => {
    const { a, b } = both;
    const token = a.tokens.agent;
    for (let i = 0; i < PER_PERSON; i++) expect((await a.call('GET', '/api/v1/auth/me', { token })).status).toBe(200);

    const limited = await a.call('GET', '/api/v1/auth/me', { token });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('12');
    expect(await limited.json()).toEqual({
      error: {
        code: 'rate_limited',
        message: `You may make ${PER_PERSON} requests a minute, all your sessions together, to each server process. Try again in 12 s.`,
      },
    });
    expect((await b.call('GET', '/api/v1/auth/me', { token })).status).toBe(200);
  }, 30_000);
});
