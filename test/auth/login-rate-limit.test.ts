import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorkspace, PASSWORD, type TestWorkspace } from '../support/harness';
import { manualClock, signInAttempt, workspaceSignInAttempt } from '../support/sign-in-attempts';

let ws: TestWorkspace;
let clock: ReturnType<typeof manualClock>;
afterEach(() => ws.close());

// The harness signs in three people through the API first: three attempts of the budget.
async function start(perMinute: number) {
  clock = manualClock();
  ws = await createTestWorkspace({ now: clock.now, policy: { loginAttemptsPerIpPerMinute: perMinute } });
}

describe('sign-in rate limit per IP', () => {
  it('answers 429 rate_limited with Retry-After past the limit, even for the right password', async () => {
    await start(5);
    clock.advance(20_000);
    expect((await signInAttempt(ws, 'agent@test.example', 'wrong-password-1')).status).toBe(401);
    expect((await signInAttempt(ws, 'admin@test.example', PASSWORD)).status).toBe(200);
    const limited = await signInAttempt(ws, 'lead@test.example', PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('40');
    expect(await limited.json()).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
  });

  it('counts requests without a socket address together, as "unknown", and lets them in again a minute later', async () => {
    await start(3);
    expect((await signInAttempt(ws, 'agent@test.example', PASSWORD)).status).toBe(429);
    clock.advance(60_000);
    expect((await signInAttempt(ws, 'agent@test.example', PASSWORD)).status).toBe(200);
  });

  it('shares one budget between the API and the workspace sign-in, which answers with its page', async () => {
    await start(4);
    expect((await workspaceSignInAttempt(ws, 'agent@test.example', PASSWORD)).status).toBe(303);
    const limited = await workspaceSignInAttempt(ws, 'agent@test.example', PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(await limited.text()).toContain('data-testid="login-error"');
  });

  it('does not count the account’s failures: a limited request never reaches the password check', async () => {
    await start(3);
    for (let i = 0; i < 10; i++) expect((await signInAttempt(ws, 'agent@test.example', 'wrong-password-1')).status).toBe(429);
    clock.advance(60_000);
    expect((await signInAttempt(ws, 'agent@test.example', PASSWORD)).status).toBe(200);
  });
});
