import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import { Hono } from 'hono';
import * as v from 'valibot';
import { IdParam, PageQuery } from '../../shared/schemas/common';
import { UserCreate, UserPatch } from '../../shared/schemas/users';
import { type AuditContext, withChange } from '../audit/context';
import { appendAudit, createEntity, draftFor, getEntity, updateEntity } from '../audit/engine';
import type { Tx } from '../db/sql';
import { users } from '../db/schema';
import { decodeIdCursor, encodeIdCursor } from '../entities/id-cursor';
import type { AppEnv } from '../http/app-env';
import { auditContext } from '../http/audit-context';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { validate } from '../http/validate';
import { principalOf } from './authenticate';
import { isEmpty, lockStatus, NO_FAILURES, type ThrottleState } from './lockout';
import { LOGIN_EVENTS } from './password-attempt';
import { checkPasswordPolicy } from './password-policy';
import { hashPassword } from './passwords';
import { requires } from './require';
import { revokeUserSessions } from './session-adapter';
import { clearThrottle, readThrottle, readThrottles } from './throttle-store';
import { userEntity } from './user-entity';

type UserRow = typeof users.$inferSelect;

const ListQuery = v.strictObject(PageQuery);

/** A user as admins see them: never the password hash; the lock as the next sign-in would find it. */
function presentUser(row: UserRow, throttle: ThrottleState, deps: Pick<AppDeps, 'policy' | 'now'>) {
  const lock = lockStatus(throttle, deps.policy, deps.now().getTime());
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    passwordChangedAt: row.passwordChangedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    lock: { ...lock, lockedUntil: lock.lockedUntil === null ? null : new Date(lock.lockedUntil).toISOString() },
  };
}

/**
 * The people of the caller's workspace (admins only): list with lock status,
 * add, rename, change role, disable or re-enable, unlock. Every query is
 * scoped by the caller's org, so another org's ids answer 404.
 */
export function usersRouter(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use(requires('users:manage'))
    .get('/', validate('query', ListQuery), async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const filters = [eq(users.orgId, principalOf(c).orgId), isNull(users.deletedAt)];
      if (cursor) filters.push(lt(users.id, decodeIdCursor(cursor)));
      const rows = await deps.db.reader
        .select()
        .from(users)
        .where(and(...filters))
        .orderBy(desc(users.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      const throttles = await readThrottles(deps.db.reader, page.map((u) => u.id));
      return c.json({
        items: page.map((row) => presentUser(row, throttles.get(row.id) ?? NO_FAILURES, deps)),
        nextCursor: rows.length > limit ? encodeIdCursor(page.at(-1)!.id) : null,
      });
    })
    .post('/', validate('json', UserCreate), async (c) => {
      const { email, name, role, password } = c.req.valid('json');
      const problem = checkPasswordPolicy(password, { email, name });
      if (problem) throw ApiError.badRequest(problem, [{ path: 'password', message: problem }]);
      const ctx = auditContext(c, deps);
      const passwordHash = await hashPassword(password);
      const row = await deps.writes.run(async (tx) => {
        // Emails are unique across workspaces: sign-in is by email alone.
        const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
        if (taken) throw ApiError.conflict('Someone already signs in with this email.');
        return createEntity(tx, ctx, userEntity, { email, name, role, passwordHash, disabledAt: null });
      });
      return c.json(presentUser(row, NO_FAILURES, deps), 201);
    })
    .patch('/:id', validate('param', IdParam), validate('json', UserPatch), async (c) => {
      const { disabled, ...changes } = c.req.valid('json');
      const ctx = withChange(auditContext(c, deps));
      const id = c.req.valid('param').id;
      const row = await deps.writes.run(async (tx) => {
        const current = await getEntity(tx, ctx.orgId, userEntity, id);
        if (id === principalOf(c).user?.id) refuseSelfLockout(changes.role, disabled);
        const toggles = disabled !== undefined && disabled !== Boolean(current.disabledAt);
        const system = toggles ? { disabledAt: disabled ? ctx.now() : null } : undefined;
        const { row: updated } = await updateEntity(tx, ctx, userEntity, id, changes, system ? { system } : {});
        if (toggles) await recordDisabled(tx, ctx, current, updated);
        return updated;
      });
      return c.json(presentUser(row, await readThrottle(deps.db.reader, row.id), deps));
    })
    .post('/:id/unlock', validate('param', IdParam), async (c) => {
      const ctx = auditContext(c, deps);
      const row = await deps.writes.run(async (tx) => {
        const user = await getEntity(tx, ctx.orgId, userEntity, c.req.valid('param').id);
        const throttle = await readThrottle(tx, user.id);
        await clearThrottle(tx, user.id);
        // Nothing was remembered against the account: nothing to record.
        if (isEmpty(throttle, ctx.now().getTime())) return user;
        await appendAudit(tx, ctx, [
          draftFor(userEntity, user, { ...LOGIN_EVENTS, context: { by: 'admin' } }, { event: 'unlocked', property: null, before: null, after: null }),
        ]);
        return user;
      });
      return c.json(presentUser(row, NO_FAILURES, deps));
    });
}

/** An admin could otherwise shut themselves (and perhaps everyone) out of user administration. */
function refuseSelfLockout(role: UserRow['role'] | undefined, disabled: boolean | undefined) {
  if (disabled === true) throw ApiError.conflict('You cannot disable your own account.');
  if (role !== undefined && role !== 'admin') throw ApiError.conflict('You cannot remove your own admin role.');
}

/**
 * Records a disable or re-enable (`disabledAt` is not a tracked property, so
 * the engine writes no row for it). Disabling also ends every session of the
 * account in the same transaction, recorded with it.
 */
async function recordDisabled(tx: Tx, ctx: AuditContext, before: UserRow, after: UserRow): Promise<void> {
  const disabled = after.disabledAt !== null;
  const drafts = [
    draftFor(userEntity, after, {}, {
      event: disabled ? 'disabled' : 'enabled',
      property: 'disabledAt',
      before: before.disabledAt,
      after: after.disabledAt,
    }),
  ];
  const revoked = disabled ? await revokeUserSessions(tx, after.id) : 0;
  if (revoked > 0) {
    drafts.push(
      draftFor(userEntity, after, { ...LOGIN_EVENTS, context: { reason: 'disabled', sessions: revoked } }, {
        event: 'session_revoked',
        property: null,
        before: null,
        after: null,
      }),
    );
  }
  await appendAudit(tx, ctx, drafts);
}
