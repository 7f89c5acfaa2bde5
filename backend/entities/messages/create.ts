import type { MessageCreateInput } from '../../../shared/schemas/messages';
import type { AuditContext } from '../../audit/context';
import { createEntity, getEntity } from '../../audit/engine';
import type { Principal } from '../../auth/principal';
import type { Tx } from '../../db/sql';
import type { MessageAuthor } from '../../db/schema';
import { conversationEntity } from '../conversations/definition';
import { customerEntity } from '../customers/definition';
import { messageEntity } from './definition';

/**
 * Adds a message to a conversation of the caller's org (404 otherwise):
 * inbound messages are the customer's, outbound ones the caller's. Shared by
 * the API and the workspace's composer.
 */
export async function createMessage(tx: Tx, ctx: AuditContext, principal: Principal, conversationId: string, input: MessageCreateInput) {
  const conversation = await getEntity(tx, ctx.orgId, conversationEntity, conversationId);
  const author = input.direction === 'in' ? await customerAuthor(tx, ctx.orgId, conversation.customerId) : teammateAuthor(principal);
  return createEntity(tx, ctx, messageEntity, {
    conversationId: conversation.id,
    customerId: conversation.customerId,
    direction: input.direction,
    channel: input.channel ?? conversation.channel,
    author,
    body: input.body,
    redactedAt: null,
    redactedById: null,
  });
}

function teammateAuthor(principal: Principal): MessageAuthor {
  return principal.user
    ? { type: 'user', id: principal.user.id, name: principal.user.name }
    : { type: 'automation', id: principal.apiKey?.id ?? null, name: principal.actor.name };
}

async function customerAuthor(tx: Tx, orgId: string, customerId: string): Promise<MessageAuthor> {
  const customer = await getEntity(tx, orgId, customerEntity, customerId);
  return { type: 'customer', id: customer.id, name: customer.name };
}
