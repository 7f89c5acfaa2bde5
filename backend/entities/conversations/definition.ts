import { defineEntity } from '../../audit/definition';
import { conversations } from '../../db/schema';
import type { ConversationPatchInput } from '../../../shared/schemas/conversations';
import { assertConversationLinks, conversationPatch } from './patch';

/** Conversations: their attributes plus routing fields (filed under routing when routing changes them). */
export const conversationEntity = defineEntity({
  subjectType: 'conversation',
  table: conversations,
  category: 'conversation',
  section: 'conversation',
  tracked: [
    'name',
    'customerId',
    'status',
    'snoozedUntil',
    'endedReason',
    'priority',
    'tags',
    'assignedUsers',
    'assignedTeams',
    'defaultLanguage',
    'assistant',
    'queueId',
    'queueRule',
    'acceptedBy',
    'ivr',
    'slaBreachedAt',
    'custom',
  ],
  label: (row) => row.name,
  links: (row) => ({ customerId: row.customerId, conversationId: row.id }),
  restore: {
    // The same derivations as PATCH: leaving snoozed clears the snooze, reopening clears why it ended.
    toPatch: async (tx, ctx, patch, current) => {
      await assertConversationLinks(tx, ctx.orgId, patch);
      return conversationPatch(tx, ctx, patch as ConversationPatchInput, current);
    },
  },
});
