import { and, eq, inArray, isNull } from 'drizzle-orm';
import { can } from '../../auth/permissions';
import type { Principal } from '../../auth/principal';
import { users } from '../../db/schema';
import type { Tx } from '../../db/sql';

/**
 * The owners of candidate watches as they are now, read at match time (a
 * role change or a disabled account does not touch the watches' cache): each
 * as the principal whose part of the log their watches may match. Disabled,
 * deleted and no longer entitled owners are left out: they get nothing.
 */
export async function ownersNow(tx: Tx, orgId: string, ids: readonly string[]): Promise<Map<string, Principal>> {
  const rows = await tx
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.orgId, orgId), inArray(users.id, [...ids]), isNull(users.disabledAt), isNull(users.deletedAt)));
  const owners = new Map<string, Principal>();
  for (const user of rows) {
    const principal: Principal = {
      orgId,
      actor: { type: 'user', id: user.id, name: user.name },
      user,
      apiKey: null,
      sessionId: null,
    };
    if (can(principal, 'watches:use')) owners.set(user.id, principal);
  }
  return owners;
}
