import type { AuditContext } from '../audit/context';
import { appendAudit, draftFor, getEntity, updateEntity } from '../audit/engine';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { hashPassword, verifyPassword } from './passwords';
import { checkPasswordPolicy } from './password-policy';
import type { Principal } from './principal';
import { revokeUserSessions } from './session-adapter';
import { userEntity } from './user-entity';

export const WRONG_CURRENT_PASSWORD = new ApiError(401, 'invalid_credentials', 'The current password is not correct.');

/**
 * Changes the signed-in user's password. The current password must be given
 * (a stolen session alone cannot take over the account); the new one must
 * pass the policy. In one transaction: the new hash, a `password_changed` row
 * and the end of every other session of the user (someone who knew the old
 * password may be signed in elsewhere) with a `session_revoked` row.
 * The session making the change stays signed in. No password is ever recorded.
 */
export async function changePassword(
  deps: Pick<AppDeps, 'db' | 'writes'>,
  ctx: AuditContext,
  principal: Principal,
  currentPassword: string,
  newPassword: string,
): Promise<{ revokedSessions: number }> {
  const { user, sessionId } = principal;
  if (!user || !sessionId) throw ApiError.forbidden('Only a signed-in person can change their password.');

  // argon2 is slow on purpose: verify and hash before taking the write queue.
  const { passwordHash: verifiedHash } = await getEntity(deps.db.reader, ctx.orgId, userEntity, user.id);
  if (!(await verifyPassword(verifiedHash, currentPassword))) throw WRONG_CURRENT_PASSWORD;
  const problem = checkPasswordPolicy(newPassword, user);
  if (problem) throw ApiError.badRequest(problem);
  const passwordHash = await hashPassword(newPassword);

  return deps.writes.run(async (tx) => {
    const { row } = await updateEntity(
      tx,
      ctx,
      userEntity,
      user.id,
      (current) => {
        // Changed by another request since it was verified: that one won.
        if (current.passwordHash !== verifiedHash) throw WRONG_CURRENT_PASSWORD;
        return {};
      },
      { system: { passwordHash, passwordChangedAt: ctx.now() } },
    );
    const revokedSessions = await revokeUserSessions(tx, user.id, sessionId);
    const filed = { category: 'authorization', section: 'user_login' } as const;
    const fields = { property: null, before: null, after: null };
    await appendAudit(tx, ctx, [
      draftFor(userEntity, row, filed, { event: 'password_changed', ...fields }),
      ...(revokedSessions > 0
        ? [draftFor(userEntity, row, { ...filed, context: { reason: 'password_changed', sessions: revokedSessions } }, { event: 'session_revoked', ...fields })]
        : []),
    ]);
    return { revokedSessions };
  });
}
