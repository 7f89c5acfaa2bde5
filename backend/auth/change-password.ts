import type { AuditContext } from '../audit/context';
import { appendAudit, draftFor, getEntity, updateEntity } from '../audit/engine';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { gate } from './lockout';
import { attemptLog, judgePasswordAttempt, LOGIN_EVENTS } from './password-attempt';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords';
import { checkPasswordPolicy } from './password-policy';
import type { Principal } from './principal';
import { revokeUserSessions } from './session-adapter';
import { readThrottle } from './throttle-store';
import { userEntity } from './user-entity';

export const WRONG_CURRENT_PASSWORD = new ApiError(401, 'invalid_credentials', 'The current password is not correct.');

/**
 * Changes the signed-in user's password. The current password must be given
 * (a stolen session alone cannot take over the account); the new one must
 * pass the policy. In one transaction: the new hash, a `password_changed` row
 * and the end of every other session of the user (someone who knew the old
 * password may be signed in elsewhere) with a `session_revoked` row.
 * The session making the change stays signed in. No password is ever recorded.
 *
 * The current password is a password guess like a sign-in: it is judged by
 * the account's lockout policy (a locked account refuses even the right one),
 * a wrong one counts as a failed attempt and is recorded as
 * `password_change_failed`, and the failure that locks the account also ends
 * every session of it, since whoever holds this one is guessing.
 */
export async function changePassword(
  deps: Pick<AppDeps, 'db' | 'writes' | 'policy'>,
  ctx: AuditContext,
  principal: Principal,
  currentPassword: string,
  newPassword: string,
): Promise<{ revokedSessions: number }> {
  const { user, sessionId } = principal;
  if (!user || !sessionId) throw ApiError.forbidden('Only a signed-in person can change their password.');
  const now = ctx.now().getTime();

  // argon2 is slow on purpose: verify and hash before taking the write queue.
  // While locked, the real hash is never consulted: a right guess learns nothing.
  const account = await getEntity(deps.db.reader, ctx.orgId, userEntity, user.id);
  const judged = gate(await readThrottle(deps.db.reader, user.id), deps.policy, now).open;
  const passwordOk = judged ? await verifyPassword(account.passwordHash, currentPassword) : await verifyAgainstDummy(currentPassword);
  if (!judged || !passwordOk) {
    await deps.writes.run(async (tx) => {
      const log = attemptLog(tx, ctx, account, 'password_change_failed');
      const result = await judgePasswordAttempt(tx, deps.policy, now, account, log, { judged, passwordOk });
      if (result.accepted || !result.lockedOut) return;
      const ended = await revokeUserSessions(tx, user.id);
      if (ended > 0) await log.sessionsRevoked('locked_out', ended);
    });
    throw WRONG_CURRENT_PASSWORD;
  }
  const problem = checkPasswordPolicy(newPassword, user);
  if (problem) throw ApiError.badRequest(problem);
  const passwordHash = await hashPassword(newPassword);

  const changed = await deps.writes.run(async (tx) => {
    // Locked by other attempts since it was verified: refused (and recorded) like any attempt then.
    const log = attemptLog(tx, ctx, account, 'password_change_failed');
    if (!(await judgePasswordAttempt(tx, deps.policy, now, account, log, { judged, passwordOk })).accepted) return null;
    const { row } = await updateEntity(
      tx,
      ctx,
      userEntity,
      user.id,
      (current) => {
        // Changed by another request since it was verified: that one won.
        if (current.passwordHash !== account.passwordHash) throw WRONG_CURRENT_PASSWORD;
        return {};
      },
      { system: { passwordHash, passwordChangedAt: ctx.now() } },
    );
    const revokedSessions = await revokeUserSessions(tx, user.id, sessionId);
    const fields = { property: null, before: null, after: null };
    await appendAudit(tx, ctx, [
      draftFor(userEntity, row, LOGIN_EVENTS, { event: 'password_changed', ...fields }),
      ...(revokedSessions > 0
        ? [draftFor(userEntity, row, { ...LOGIN_EVENTS, context: { reason: 'password_changed', sessions: revokedSessions } }, { event: 'session_revoked', ...fields })]
        : []),
    ]);
    return { revokedSessions };
  });
  if (!changed) throw WRONG_CURRENT_PASSWORD;
  return changed;
}
