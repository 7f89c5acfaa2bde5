import type { AuditContext } from '../audit/context';
import { SYSTEM_ACTOR } from '../audit/context';
import { type AuditDraft, appendAudit, draftFor } from '../audit/engine';
import type { Tx } from '../db/sql';
import type { users } from '../db/schema';
import { judge, type LockoutPolicy } from './lockout';
import { readThrottle, saveThrottle } from './throttle-store';
import { userEntity } from './user-entity';

type UserRow = typeof users.$inferSelect;

/** Why an attempt failed, kept in the failure row's context for admins (never shown to the caller). */
export type FailureReason = 'unknown_user' | 'wrong_password' | 'locked' | 'disabled';

/** The event a failed attempt is recorded as: a sign-in, or a password change with a wrong current password. */
export type FailureEvent = 'login_failed' | 'password_change_failed';

export const LOGIN_EVENTS = { category: 'authorization', section: 'user_login' } as const;

/**
 * The authorization rows of one password attempt, about the account it
 * named. `asUser` is the attempt's context (the person, and where the request
 * came from); the lock and its expiry are the system's doing.
 */
export function attemptLog(tx: Tx, asUser: AuditContext, user: UserRow, failedEvent: FailureEvent) {
  const asSystem: AuditContext = { ...asUser, actor: SYSTEM_ACTOR };
  const draft = (event: AuditDraft['event'], context?: Record<string, unknown>) =>
    draftFor(userEntity, user, { ...LOGIN_EVENTS, ...(context ? { context } : {}) }, { event, property: null, before: null, after: null });

  return {
    signedIn: () => appendAudit(tx, asUser, [draft('login')]),
    failed: (reason: FailureReason, extra: Record<string, unknown> = {}) =>
      appendAudit(tx, asUser, [draft(failedEvent, { reason, ...extra })]),
    lockedOut: ({ until, lockouts }: { until: number; lockouts: number }) =>
      appendAudit(tx, asSystem, [draft('locked_out', { until: iso(until), lockouts })]),
    unlockedByExpiry: () => appendAudit(tx, asSystem, [draft('unlocked', { by: 'expiry' })]),
    sessionsRevoked: (reason: string, sessions: number) => appendAudit(tx, asSystem, [draft('session_revoked', { reason, sessions })]),
  };
}

export type AttemptLog = ReturnType<typeof attemptLog>;

/** The fate of a judged attempt. */
export type AttemptResult = { accepted: true } | { accepted: false; lockedOut: boolean };

/**
 * Judges one password attempt by the account's lockout policy inside the
 * write transaction, from the throttle row as it is then (so concurrent
 * guesses cannot slip past a lock), stores the new throttle state and records
 * what happened: the failure, the lock-out it caused, a lock that had run out.
 *
 * `judged` says whether the real hash was consulted: the caller checks the
 * (slow) password before the transaction and consults the hash only when the
 * account was not locked then, so a right guess while locked learns nothing.
 * An attempt whose password was not judged never counts as a failure.
 */
export async function judgePasswordAttempt(
  tx: Tx,
  policy: LockoutPolicy,
  now: number,
  user: UserRow,
  log: AttemptLog,
  attempt: { judged: boolean; passwordOk: boolean },
): Promise<AttemptResult> {
  const judgement = judge(await readThrottle(tx, user.id), policy, now, attempt.judged && attempt.passwordOk);
  if (judgement.outcome === 'refused' || !attempt.judged) {
    // `!judged` alone means an admin unlocked the account while this attempt was checked.
    await log.failed('locked', judgement.outcome === 'refused' ? { until: iso(judgement.until), cause: judgement.cause } : {});
    return { accepted: false, lockedOut: false };
  }
  if (judgement.expired) await log.unlockedByExpiry();
  await saveThrottle(tx, user.id, judgement.next, now);
  if (judgement.outcome === 'signed_in') return { accepted: true };
  await log.failed('wrong_password');
  if (judgement.lockedOut) await log.lockedOut(judgement.lockedOut);
  return { accepted: false, lockedOut: judgement.lockedOut !== null };
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
