import { bodyOf } from './audit-rows';
import type { TestWorkspace } from './harness';

/**
 * A new customer and a conversation with them, both created by the agent
 * through the API. `conversation` is the rest of the conversation's body.
 */
export async function createCustomerAndConversation(
  ws: TestWorkspace,
  conversation: { name: string } & Record<string, unknown>,
  customerName = 'Ana',
): Promise<{ id: string; customerId: string }> {
  const customer = await bodyOf<{ id: string }>(
    await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: customerName } }),
    201,
  );
  return bodyOf(await ws.call('POST', '/api/v1/conversations', { token: ws.tokens.agent, body: { customerId: customer.id, ...conversation } }), 201);
}

/** Creates a settings object as the admin and returns the API's answer. */
export async function createAsAdmin<T>(ws: TestWorkspace, path: string, body: object): Promise<T> {
  return bodyOf(await ws.call('POST', path, { token: ws.tokens.admin, body }), 201);
}
