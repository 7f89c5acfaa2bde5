import type { Conversation } from './api';
import type { E2eBackend } from './backend';

export interface ConversationFixture {
  id: string;
  customerId: string;
  name: string;
}

let made = 0;

/**
 * A customer and a conversation with a short, known history, all written
 * through the HTTP API by the people a support team has: the agent opens it,
 * the lead raises its priority and assigns it, the agent tags it. Each test
 * makes its own, so no test sees another's changes.
 */
export async function conversationWithHistory(backend: E2eBackend, name = 'Refund for order 1182'): Promise<ConversationFixture> {
  const { agent, lead } = backend.api;
  made += 1;
  const customer = await agent.json<{ id: string }>('POST', '/api/v1/customers', {
    name: `Ana Ruiz ${made}`,
    emails: [`ana.ruiz.${made}@example.com`],
  });
  const conversation = await agent.json<Conversation>('POST', '/api/v1/conversations', { customerId: customer.id, name });
  await lead.patchConversation(conversation.id, { priority: 'high' });
  await lead.patchConversation(conversation.id, { assignedUsers: [agent.user.id] });
  await agent.patchConversation(conversation.id, { tags: ['refund', 'vip'] });
  return { id: conversation.id, customerId: customer.id, name };
}

/** The path of a conversation's page in the demo workspace. */
export function conversationPath(id: string): string {
  return `/workspace/conversations/${id}`;
}
