import { Hono } from 'hono';
import { AcceptRequest, AssignRequest, EnqueueRequest } from '../../../shared/schemas/routing';
import { IdParam } from '../../../shared/schemas/common';
import { withChange } from '../../audit/context';
import { type ChangeOptions, getEntity, updateEntity } from '../../audit/engine';
import { accessDenied } from '../../auth/access-denied';
import { principalOf } from '../../auth/authenticate';
import { can } from '../../auth/permissions';
import { requires } from '../../auth/require';
import { queues, teams, users } from '../../db/schema';
import type { AppEnv } from '../../http/app-env';
import { auditContext } from '../../http/audit-context';
import type { AppDeps } from '../../deps';
import { ApiError } from '../../errors';
import { validate } from '../../http/validate';
import { conversationEntity } from '../conversations/definition';
import { presentEntity } from '../present';
import { assertReferences } from '../references';
import { agentUser, takeCapacity } from './agent-state';

/** Routing changes to a conversation are work-session events, shown in the conversation's history. */
const ROUTING: ChangeOptions = { category: 'work_session', section: 'routing' };

/**
 * `POST /conversations/:id/routing/…`: a conversation enters a queue, is
 * accepted, is assigned. Mounted at `/:id/routing` by the conversations router.
 */
export function conversationRoutingRouter(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post('/enqueue', requires('support:write'), validate('param', IdParam), validate('json', EnqueueRequest), async (c) => {
      const { queueId, queueRule, ivr } = c.req.valid('json');
      const ctx = auditContext(c, deps);
      const { row } = await deps.writes.run(async (tx) => {
        await getEntity(tx, ctx.orgId, conversationEntity, c.req.valid('param').id);
        await assertReferences(tx, ctx.orgId, queues, 'queueId', [queueId]);
        // A new queue entry replaces the rule that routed it before; IVR is only changed when told.
        const patch = { queueId, queueRule, ...(ivr === undefined ? {} : { ivr }) };
        return updateEntity(tx, ctx, conversationEntity, c.req.valid('param').id, patch, { ...ROUTING, event: 'queue_entered' });
      });
      return c.json(presentEntity(row));
    })
    .post('/accept', requires('support:write'), validate('param', IdParam), validate('json', AcceptRequest), async (c) => {
      const principal = principalOf(c);
      const userId = c.req.valid('json').userId ?? principal.user?.id;
      if (!userId) throw ApiError.badRequest('An automation accepting a conversation must name the userId who takes it.');
      if (userId !== principal.user?.id && !can(principal, 'routing:write')) {
        throw await accessDenied(c, 'routing:write', 'Your role does not allow accepting a conversation for someone else.');
      }
      // The conversation's rows and the agent's capacity row are one change.
      const ctx = withChange(auditContext(c, deps));
      const row = await deps.writes.run(async (tx) => {
        const current = await getEntity(tx, ctx.orgId, conversationEntity, c.req.valid('param').id);
        await assertReferences(tx, ctx.orgId, users, 'userId', [userId]);
        const assignedUsers = current.assignedUsers.includes(userId) ? current.assignedUsers : [...current.assignedUsers, userId];
        const { row, changes } = await updateEntity(tx, ctx, conversationEntity, current.id, { acceptedBy: userId, assignedUsers }, {
          ...ROUTING,
          event: 'accepted',
        });
        // Accepting again what one already holds takes no more capacity.
        if (changes.some((change) => change.property === 'acceptedBy')) {
          await takeCapacity(tx, ctx, await agentUser(tx, ctx.orgId, userId), { context: { conversationId: current.id } });
        }
        return row;
      });
      return c.json(presentEntity(row));
    })
    .post('/assign', requires('support:write'), validate('param', IdParam), validate('json', AssignRequest), async (c) => {
      const input = c.req.valid('json');
      const ctx = auditContext(c, deps);
      const { row } = await deps.writes.run(async (tx) => {
        await getEntity(tx, ctx.orgId, conversationEntity, c.req.valid('param').id);
        await assertReferences(tx, ctx.orgId, users, 'assignedUsers', input.assignedUsers ?? []);
        await assertReferences(tx, ctx.orgId, teams, 'assignedTeams', input.assignedTeams ?? []);
        return updateEntity(tx, ctx, conversationEntity, c.req.valid('param').id, input, { ...ROUTING, event: 'assigned' });
      });
      return c.json(presentEntity(row));
    });
}
