import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as passwords from '../../backend/auth/passwords';
import { auditEvents } from '../../backend/db/schema';
import { bodyOf } from '../support/audit-rows';
import { createTestWorkspace, PASSWORD, type TestWorkspace } from '../support/harness';
import { observe, type Observed, signInAttempt, signInEventsOf, workspaceSignInAttempt } from '../support/sign-in-attempts';

// Counts argon2 verifications, however login.ts reaches them (the module's
// own functions still run).
vi.mock('../../backend/auth/passwords', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../backend/auth/passwords')>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword), verifyAgainstDummy: vi.fn(actual.verifyAgainstDummy) };
});

const WRONG = 'not-the-password-7';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
  // The lead is locked out, the admin disables the agent.
  for (let i = 0; i < 5; i++) await signInAttempt(ws, 'lead@test.example', WRONG);
  await bodyOf(await ws.call('PATCH', `/api/v1/users/${ws.users.agent.id}`, { token: ws.tokens.admin, body: { disabled: true } }), 200);
});
afterEach(() => ws.close());

/** The four ways a sign-in can fail, each with the password that would otherwise be right where there is one. */
const CASES = {
  unknown_user: { email: 'nobody@test.example', password: PASSWORD },
  wrong_password: { email: 'admin@test.example', password: WRONG },
  locked: { email: 'lead@test.example', password: PASSWORD },
  disabled: { email: 'agent@test.example', password: PASSWORD },
};
type Case = keyof typeof CASES;

async function attemptEach(attempt: (email: string, password: string) => Promise<Response>): Promise<Record<Case, Observed>> {
  const out = {} as Record<Case, Observed>;
  for (const [name, { email, password }] of Object.entries(CASES)) out[name as Case] = await observe(await attempt(email, password));
  return out;
}

describe('sign-in failures tell nothing apart', () => {
  it('answers unknown user, wrong password, locked and disabled with byte-identical API responses', async () => {
    const seen = await attemptEach((email, password) => signInAttempt(ws, email, password));
    expect(seen.unknown_user.status).toBe(401);
    expect(seen.unknown_user.headers).toContainEqual(['content-type', 'application/json']);
    expect(JSON.parse(seen.unknown_user.body)).toEqual({ error: { code: 'invalid_credentials', message: 'The email or password is not correct.' } });
    for (const other of [seen.wrong_password, seen.locked, seen.disabled]) expect(other).toEqual(seen.unknown_user);
  });

  it('shows the same sign-in page for all four in the workspace, but for the email it keeps', async () => {
    const seen = await attemptEach((email, password) => workspaceSignInAttempt(ws, email, password));
    const withoutEmail = (o: Observed, email: string) => ({ ...o, body: o.body.replaceAll(email, '<email>') });
    const [first, ...rest] = (Object.keys(CASES) as Case[]).map((name) => withoutEmail(seen[name], CASES[name].email));
    expect(first!.status).toBe(401);
    for (const other of rest) expect(other).toEqual(first);
  });

  it('runs exactly one password verification for each of them', async () => {
    for (const { email, password } of Object.values(CASES)) {
      vi.mocked(passwords.verifyPassword).mockClear();
      vi.mocked(passwords.verifyAgainstDummy).mockClear();
      await signInAttempt(ws, email, password);
      const verifications = vi.mocked(passwords.verifyPassword).mock.calls.length + vi.mocked(passwords.verifyAgainstDummy).mock.calls.length;
      expect(verifications, email).toBe(1);
    }
  });

  it('records the reason for admins in the account’s log, and nothing for an unknown email', async () => {
    const before = (await ws.deps.db.reader.select().from(auditEvents)).length;
    await attemptEach((email, password) => signInAttempt(ws, email, password));
    const reasonOf = async (userId: string) => (await signInEventsOf(ws, userId)).at(-1)?.context;
    expect(await reasonOf(ws.users.admin.id)).toEqual({ reason: 'wrong_password' });
    expect(await reasonOf(ws.users.lead.id)).toMatchObject({ reason: 'locked' });
    expect(await reasonOf(ws.users.agent.id)).toEqual({ reason: 'disabled' });
    // Three known accounts, three rows: the unknown email has no workspace to be recorded in.
    expect((await ws.deps.db.reader.select().from(auditEvents)).length).toBe(before + 3);
  });
});
