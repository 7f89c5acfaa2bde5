import { like } from 'drizzle-orm';
import * as v from 'valibot';
import { ConversationCreate, ConversationPatch } from '../../../shared/schemas/conversations';
import { MergeRequest } from '../../../shared/schemas/customers';
import { IdParam } from '../../../shared/schemas/common';
import { updateEntity } from '../../audit/engine';
import { subjectHistoryRouter } from '../../audit/history-router';
import { requires } from '../../auth/require';
import { conversations, customers } from '../../db/schema';
import { auditContext } from '../../http/audit-context';
import type { AppDeps } from '../../deps';
import { validate } from '../../http/validate';
import { crudRoutes } from '../crud-routes';
import { conversationMessagesRouter } from '../messages/router';
import { presentEntity } from '../present';
import { assertReferences } from '../references';
import { conversationRoutingRouter } from '../routing/conversation-router';
import { conversationSurveysRouter } from '../satisfaction/router';
import { shortcutApplyRouter } from '../shortcuts/apply-router';
import { conversationVoiceRouter } from '../voice/router';
import { conversationEntity } from './definition';
import { mergeConversation } from './merge';
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
    .post('/:id/merge', requires('support:write'), validate('param', IdParam), validate('json', MergeRequest), async (c) => {
      const ctx = auditContext(c, deps);
      const target = await deps.writes.run((tx) => mergeConversation(tx, ctx, c.req.valid('param').id, c.req.valid('json').targetId));
      return c.json(presentEntity(target));
    })
    .post('/:id/sla-breach', requires('support:write'), validate('param', IdParam), validate('json', SlaBreach), async (c) => {
      const { sla } = c.req.valid('json');
      const ctx = auditContext(c, deps);
      const { row } = await deps.writes.run((tx) =>
        updateEntity(tx, ctx, conversationEntity, c.req.valid('param').id, { slaBreachedAt: ctx.now().toISOString() }, {
          event: 'sla_breach',
          context: { sla },
        }),
      );
      return c.json(presentEntity(row));
    })
    .route('/:id/messages', conversationMessagesRouter(deps))
    .route('/:id/shortcuts', shortcutApplyRouter(deps))
    .route('/:id/routing', conversationRoutingRouter(deps))
    .route('/:id/surveys', conversationSurveysRouter(deps))
    .route('/:id/voice-recordings', conversationVoiceRouter(deps))
    .route('/:id/audit', subjectHistoryRouter(deps, 'conversation'));
}
