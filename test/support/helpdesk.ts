import type { InboundWebhook, InboundWebhookWithSecret } from '../../shared/api-client-integration-responses';
import { signatureHeader } from '../../backend/integration/signature';
import { bodyOf } from './audit-rows';
import { createAsAdmin } from './fixtures';
import type { TestWorkspace } from './harness';

/** A helpdesk webhook made by the admin through the API, with its secret. */
export function createInboundWebhook(ws: TestWorkspace, body: { name: string; source: string } = { name: 'Helpdesk', source: 'helpdesk' }): Promise<InboundWebhookWithSecret> {
  return createAsAdmin<InboundWebhookWithSecret>(ws, '/api/v1/inbound-webhooks', body);
}

/** The workspace's helpdesk webhooks, as the admin lists them. */
export async function listInboundWebhooks(ws: TestWorkspace): Promise<InboundWebhook[]> {
  return (await bodyOf<{ items: InboundWebhook[] }>(await ws.call('GET', '/api/v1/inbound-webhooks', { token: ws.tokens.admin }), 200)).items;
}

/** Posts `body` (text, sent as it is) to a webhook's receiver with `headers`. */
export async function postToHook(ws: TestWorkspace, webhookId: string, body: string, headers: Record<string, string>): Promise<Response> {
  return ws.app.request(`/api/v1/hooks/helpdesk/${webhookId}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

/** Posts `payload` to a webhook signed with `secret` (X-Auditdesk-Signature, at the workspace's clock unless `at` says otherwise). */
export function deliver(ws: TestWorkspace, webhookId: string, secret: string, payload: unknown, at = ws.deps.now()): Promise<Response> {
  const body = JSON.stringify(payload);
  return postToHook(ws, webhookId, body, { 'x-auditdesk-signature': signatureHeader(secret, at, body) });
}
