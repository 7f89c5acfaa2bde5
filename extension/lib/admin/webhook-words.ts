import type { InboundWebhook } from '../../../shared/api-client';
import { agoPhrase } from './stream-words';
import { utcMinute } from './utc-time';

/** When the helpdesk was last heard from: "Last received 2 min ago", or that nothing came yet. */
export function receivedWords(webhook: InboundWebhook, now: number): string {
  return webhook.lastReceivedAt ? `Last received ${agoPhrase(webhook.lastReceivedAt, now)}` : 'Nothing received yet';
}

/** The last refused request and why ("Last refused 5 min ago: stale timestamp"), or null when none was. */
export function refusedWords(webhook: InboundWebhook, now: number): string | null {
  if (!webhook.lastRefusedAt) return null;
  const why = webhook.lastRefusal ? `: ${webhook.lastRefusal.replace(/\.$/, '')}` : '';
  return `Last refused ${agoPhrase(webhook.lastRefusedAt, now)}${why}`;
}

/** Whether the helpdesk's requests are accepted: "Active since …" or "Revoked …". */
export function webhookState(webhook: InboundWebhook): string {
  return webhook.revokedAt ? `Revoked ${utcMinute(webhook.revokedAt)}` : `Active since ${utcMinute(webhook.createdAt)}`;
}
