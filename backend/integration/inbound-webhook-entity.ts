import { defineEntity, NO_LINKS } from '../audit/definition';
import { inboundWebhooks } from '../db/schema';

/** Helpdesk webhooks, filed under settings › integrations. The shared secret is never tracked, so no audit row holds it. */
export const inboundWebhookEntity = defineEntity({
  subjectType: 'inbound_webhook',
  table: inboundWebhooks,
  category: 'settings',
  section: 'integrations',
  tracked: ['name', 'source', 'revokedAt'],
  label: (row) => row.name,
  links: () => NO_LINKS,
});
