import { eq } from 'drizzle-orm';
import type { AuditContext, RequestSource } from '../audit/context';
import { users } from '../db/schema';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { gate } from './lockout';
import { attemptLog, type FailureReason, judgePasswordAttempt } from './password-attempt';
import { verifyAgainstDummy, verifyPassword } from './passwords';
import { readThrottle } from './throttle-store';

export const INVALID_CREDENTIALS = new ApiError(401, 'invalid_credentials', 'The email or password is not correct.');

/**
 * Checks a password and opens a session. Unknown emails, wrong passwords,
 * disabled and locked accounts all get the same answer after the same work
 * (one argon2 verification), so the answer tells an attacker nothing.
 *
 * The lock is decided inside the write transaction from the row as it is
 * then, so concurrent guesses cannot slip past it; the (slow) hash is checked
 * before, outside the transaction, so it never holds up other writes.
 */
export async function signIn(deps: AppDeps, email: string, password: string, source: RequestSource) {
  const now = deps.now().getTime();
  const [user] = await deps.db.reader.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  if (!user) {
    await verifyAgainstDummy(password);
    // No org's log to file the attempt in, so the server log gets it (without
    // the email, which is sometimes a password typed in the wrong box). It
    // still takes its turn in the write queue like every other attempt, so
    // queueing under load does not tell it apart.
    deps.log.info('sign-in failed', { reason: 'unknown_user' satisfies FailureReason, requestId: source.requestId, ip: source.ip });
    await deps.writes.run(async () => undefined);
    throw INVALID_CREDENTIALS;
  }

  // While locked, the real hash is never consulted: a right guess learns nothing.
  const openBefore = gate(await readThrottle(deps.db.reader, user.id), deps.policy, now).open;
  const passwordOk = openBefore ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  const active = !user.disabledAt && !user.deletedAt;

  const session = await deps.writes.run(async (tx) => {
    // The attempt is made in the user's name.
    const asUser: AuditContext = { orgId: user.orgId, actor: { type: 'user', id: user.id, name: user.name }, source, now: deps.now, newId: deps.newId };
    const log = attemptLog(tx, asUser, user, 'login_failed');
    if (!active) {
      await log.failed('disabled');
      return null;
    }
    const result = await judgePasswordAttempt(tx, deps.policy, now, user, log, { judged: openBefore, passwordOk });
    if (!result.accepted) return null;
    const created = await deps.lucia.createSessionIn(tx, user.id);
    await log.signedIn();
    return created;
  });
  if (!session) throw INVALID_CREDENTIALS;
  return { session, user };
}
