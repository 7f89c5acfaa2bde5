import { and, asc, eq, isNull } from 'drizzle-orm';
import { Hono, type MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import { Id } from '../../../shared/schemas/common';
import { AgentStatusChange, RemainingCapacityChange } from '../../../shared/schemas/routing';
import { accessDenied } from '../../auth/access-denied';
import { principalOf } from '../../auth/authenticate';
import { can, type Permission } from '../../auth/permissions';
import { requires } from '../../auth/require';
import { agentStates, queues, users } from '../../db/schema';
import type { AppEnv } from '../../http/app-env';
import { auditContext } from '../../http/audit-context';
import type { AppDeps } from '../../deps';
import { validate } from '../../http/validate';
import { agentUser, presentAgent, setAgentStatus, setRemainingCapacity } from './agent-state';

const UserParam = v.object({ userId: Id });

/** `/routing`: agents' routing states (status, capacity) and the queues conversations wait in. */
export function routingRouter(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/agents', requires('support:read'), async (c) => {
      const orgId = principalOf(c).orgId;
      const rows = await deps.db.reader
        .select({ state: agentStates, name: users.name })
        .from(agentStates)
        .innerJoin(users, eq(users.id, agentStates.id))
        .where(and(eq(agentStates.orgId, orgId), isNull(agentStates.deletedAt)))
        .orderBy(asc(users.name), asc(agentStates.id));
      return c.json({ items: rows.map((r) => presentAgent(r.state, r.name)) });
    })
    .put('/agents/:userId/status', ownStatusOr('routing:write'), validate('param', UserParam), validate('json', AgentStatusChange), async (c) => {
      const change = c.req.valid('json');
      // An agent's own status is theirs to set; how much work they are routed is not.
      if (change.capacity !== undefined && !can(principalOf(c), 'routing:write')) {
        throw await accessDenied(c, 'routing:write', 'Your role does not allow changing an agent’s capacity.');
      }
      const ctx = auditContext(c, deps);
      const result = await deps.writes.run(async (tx) => {
        const user = await agentUser(tx, ctx.orgId, c.req.valid('param').userId);
        return presentAgent(await setAgentStatus(tx, ctx, user, change), user.name);
      });
      return c.json(result);
    })
    .put('/agents/:userId/capacity', requires('routing:write'), validate('param', UserParam), validate('json', RemainingCapacityChange), async (c) => {
      const ctx = auditContext(c, deps);
      const result = await deps.writes.run(async (tx) => {
        const user = await agentUser(tx, ctx.orgId, c.req.valid('param').userId);
        return presentAgent(await setRemainingCapacity(tx, ctx, user, c.req.valid('json').remainingCapacity), user.name);
      });
      return c.json(result);
    })
    .get('/queues', requires('support:read'), async (c) => {
      const rows = await deps.db.reader
        .select()
        .from(queues)
        .where(eq(queues.orgId, principalOf(c).orgId))
        .orderBy(asc(queues.name), asc(queues.id));
      return c.json({ items: rows.map((q) => ({ id: q.id, name: q.name, createdAt: q.createdAt.toISOString() })) });
    });
}

/** Agents set their own status; changing someone else's takes `permission` (leads, admins, the queue router). */
function ownStatusOr(permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = principalOf(c);
    if (principal.user?.id !== c.req.param('userId') && !can(principal, permission)) {
      throw await accessDenied(c, permission, 'Your role does not allow changing another agent’s status.');
    }
    await next();
  };
}
