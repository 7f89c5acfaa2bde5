import { like } from 'drizzle-orm';
import * as v from 'valibot';
import { ConversationCreate, ConversationPatch } from '../../../shared/schemas/conversations';
import { MergeRequest } from '../../../shared/schemas/customers';
import { withChange } from '../../audit/context';
import { getEntity, updateEntity } from '../../audit/engine';
import { requires } from '../../auth/require';
import { conversations, customers } from '../../db/schema';
import { auditContext } from '../../http/audit-context';
import type { AppDeps } from '../../http/deps';
import { validate } from '../../http/validate';
import { crudRoutes } from '../crud';
import { assertDistinct, retireMerged } from '../merge';
import { presentEntity } from '../present';
import { assertReferences } from '../references';
import { relinkChildren } from './children';
import { conversationEntity } from './definition';
import { assertAssignees, conversationPatch } from './patch';

const SlaBreach = v.strictObject({
  sla: v.picklist(['first_response', 'next_response', 'resolution']),
});

export function conversationsRouter(deps: AppDeps) {
  return crudRoutes(deps, {
    def: conversationEntity,
    create: ConversationCreate,
    patch: ConversationPatch,
    read: 'support:read',
    write: 'support:write',
    searchable: (q) => like(conversations.name, `%${q}%`),
    toNew: async (tx, ctx, input) => {
      await assertReferences(tx, ctx.orgId, customers, 'customerId', [input.customerId]);
      await assertAssignees(tx, ctx.orgId, input);
      return { ...input, ivr: input.channel === 'voice', queueId: null, queueRule: null, acceptedBy: null };
    },
    toPatch: conversationPatch,
  })
    .post('/:id/merge', requires('support:write'), validate('json', MergeRequest), async (c) => {
      const sourceId = c.req.param('id');
      const { targetId } = c.req.valid('json');
      assertDistinct(sourceId, targetId);
      const ctx = withChange(auditContext(c, deps));
      const target = await deps.writes.run(async (tx) => {
        const target = await getEntity(tx, ctx.orgId, conversationEntity, targetId);
        await getEntity(tx, ctx.orgId, conversationEntity, sourceId);
        await relinkChildren(tx, ctx, sourceId, { conversationId: targetId, customerId: target.customerId });
        await retireMerged(tx, ctx, conversationEntity, sourceId, targetId);
        return getEntity(tx, ctx.orgId, conversationEntity, targetId);
      });
      return c.json(presentEntity(target));
    })
    .post('/:id/sla-breach', requires('support:write'), validate('json', SlaBreach), async (c) => {
      const { sla } = c.req.valid('json');
      const ctx = auditContext(c, deps);
      const { row } = await deps.writes.run((tx) =>
        updateEntity(tx, ctx, conversationEntity, c.req.param('id'), { slaBreachedAt: ctx.now().toISOString() }, {
          event: 'sla_breach',
          context: { sla },
        }),
      );
      return c.json(presentEntity(row));
    });
}
