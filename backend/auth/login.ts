import { eq } from 'drizzle-orm';
import type { AuditContext } from '../audit/context';
import { appendAudit, draftFor } from '../audit/engine';
import { users } from '../db/schema';
import type { AppDeps } from '../http/deps';
import type { RequestSource } from '../audit/context';
import { ApiError } from '../http/errors';
import { verifyAgainstDummy, verifyPassword } from './passwords';
import { userEntity } from './user-entity';

export const INVALID_CREDENTIALS = new ApiError(401, 'invalid_credentials', 'The email or password is not correct.');

/**
 * Checks a password and opens a session, recording the sign-in (or the
 * failed attempt) in the same transaction. Unknown emails, wrong passwords
 * and disabled accounts all get the same answer.
 */
export async function signIn(deps: AppDeps, email: string, password: string, source: RequestSource) {
  const [user] = await deps.db.reader.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  if (!user) {
    await verifyAgainstDummy(password);
    throw INVALID_CREDENTIALS;
  }
  const valid = (await verifyPassword(user.passwordHash, password)) && !user.disabledAt && !user.deletedAt;
  const ctx: AuditContext = {
    orgId: user.orgId,
    actor: { type: 'user', id: user.id, name: user.name },
    source,
    now: deps.now,
    newId: deps.newId,
  };
  const draft = (event: 'login' | 'login_failed') =>
    draftFor(userEntity, user, { category: 'authorization', section: 'user_login' }, {
      event,
      property: null,
      before: null,
      after: null,
    });

  if (!valid) {
    await deps.writes.run((tx) => appendAudit(tx, ctx, [draft('login_failed')]));
    throw INVALID_CREDENTIALS;
  }
  const session = await deps.writes.run(async (tx) => {
    const created = await deps.lucia.createSession(user.id, {});
    await appendAudit(tx, ctx, [draft('login')]);
    return created;
  });
  return { session, user };
}
