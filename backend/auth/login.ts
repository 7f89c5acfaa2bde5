import { eq } from 'drizzle-orm';
import type { AuditContext, RequestSource } from '../audit/context';
import { SYSTEM_ACTOR } from '../audit/context';
import { type AuditDraft, appendAudit, draftFor } from '../audit/engine';
import type { Tx } from '../db/sql';
import { users } from '../db/schema';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { gate, judge } from './lockout';
import { verifyAgainstDummy, verifyPassword } from './passwords';
import { readThrottle, saveThrottle } from './throttle-store';
import { userEntity } from './user-entity';

export const INVALID_CREDENTIALS = new ApiError(401, 'invalid_credentials', 'The email or password is not correct.');

type UserRow = typeof users.$inferSelect;
/** Why an attempt failed, kept in the login_failed row's context for admins (never shown to the caller). */
export type FailureReason = 'unknown_user' | 'wrong_password' | 'locked' | 'disabled';

const LOGIN_EVENTS = { category: 'authorization', section: 'user_login' } as const;

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
    const log = auditLog(tx, deps, user, source);
    if (!active) {
      await log.failed('disabled');
      return null;
    }
    const judgement = judge(await readThrottle(tx, user.id), deps.policy, now, openBefore && passwordOk);
    if (judgement.outcome === 'refused' || !openBefore) {
      // Not counted as a failure: no password was judged. (`!openBefore` alone
      // means an admin unlocked the account while this attempt was checked.)
      await log.failed('locked', judgement.outcome === 'refused' ? { until: iso(judgement.until), cause: judgement.cause } : {});
      return null;
    }
    if (judgement.expired) await log.unlockedByExpiry();
    await saveThrottle(tx, user.id, judgement.next, now);
    if (judgement.outcome === 'failed') {
      await log.failed('wrong_password');
      if (judgement.lockedOut) await log.lockedOut(judgement.lockedOut);
      return null;
    }
    const created = await deps.lucia.createSession(user.id, {});
    await log.signedIn();
    return created;
  });
  if (!session) throw INVALID_CREDENTIALS;
  return { session, user };
}

/** The authorization rows of one attempt, about the account it named. */
function auditLog(tx: Tx, deps: Pick<AppDeps, 'now' | 'newId'>, user: UserRow, source: RequestSource) {
  // The attempt is made in the user's name; the lock and its expiry are the system's doing.
  const asUser: AuditContext = { orgId: user.orgId, actor: { type: 'user', id: user.id, name: user.name }, source, now: deps.now, newId: deps.newId };
  const asSystem: AuditContext = { ...asUser, actor: SYSTEM_ACTOR };
  const draft = (event: AuditDraft['event'], context?: Record<string, unknown>) =>
    draftFor(userEntity, user, { ...LOGIN_EVENTS, ...(context ? { context } : {}) }, { event, property: null, before: null, after: null });

  return {
    signedIn: () => appendAudit(tx, asUser, [draft('login')]),
    failed: (reason: FailureReason, extra: Record<string, unknown> = {}) =>
      appendAudit(tx, asUser, [draft('login_failed', { reason, ...extra })]),
    lockedOut: ({ until, lockouts }: { until: number; lockouts: number }) =>
      appendAudit(tx, asSystem, [draft('locked_out', { until: iso(until), lockouts })]),
    unlockedByExpiry: () => appendAudit(tx, asSystem, [draft('unlocked', { by: 'expiry' })]),
  };
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
