import type { AuditContext } from '../audit/context';
import { appendAudit, draftFor, getEntity } from '../audit/engine';
import type { AppDeps } from '../deps';
import type { Principal } from './principal';
import { userEntity } from './user-entity';

/**
 * Ends the caller's session and records the sign-out in the same
 * transaction. API keys have no session to end, so nothing happens for them.
 * Shared by `POST /api/v1/auth/logout` and the workspace's sign-out button.
 */
export async function signOut(deps: Pick<AppDeps, 'writes' | 'lucia'>, ctx: AuditContext, principal: Principal): Promise<void> {
  const { sessionId, user } = principal;
  if (!sessionId || !user) return;
  await deps.writes.run(async (tx) => {
    await deps.lucia.invalidateSessionIn(tx, sessionId);
    const row = await getEntity(tx, ctx.orgId, userEntity, user.id);
    await appendAudit(tx, ctx, [
      draftFor(userEntity, row, { category: 'authorization', section: 'user_login' }, {
        event: 'logout',
        property: null,
        before: null,
        after: null,
      }),
    ]);
  });
}
