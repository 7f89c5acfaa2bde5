import type { Actor } from '../audit/context';
import type { IntegrationKey, OrgWorld, Performer } from './world';

/*
 * The automations of a demo workspace that are not settings objects: the
 * queue router, and the integrations that call the API (channels, the shop,
 * the CRM, survey answers). Rules and workflows get their actors from the
 * rows settings.ts creates.
 */

/** Who sets a workspace up, before any person exists. */
export const PROVISIONING: Performer = { actor: { type: 'system', id: null, name: 'Workspace provisioning' }, ip: null, userAgent: null };

export const QUEUE_ROUTER: Performer = { actor: { type: 'queue_router', id: null, name: 'Queue Router' }, ip: null, userAgent: null };

function api(name: string, ip: string, userAgent: string): Performer {
  const actor: Actor = { type: 'api', id: null, name };
  return { actor, ip, userAgent };
}

export function integrations(): Record<IntegrationKey, Performer> {
  return {
    shopify: api('Shopify sync', '203.0.113.10', 'Shopify-Webhooks/2024-07'),
    crm: api('CRM sync', '203.0.113.24', 'crm-connector/3.2'),
    email: api('Email channel', '198.51.100.7', 'auditdesk-mail-ingest/1.4'),
    chat: api('Chat widget', '198.51.100.8', 'auditdesk-chat/2.0'),
    sms: api('SMS gateway', '198.51.100.9', 'sms-bridge/1.1'),
    voice: api('Voice IVR', '198.51.100.10', 'ivr-connector/5.0'),
    surveys: api('Survey responses', '198.51.100.11', 'csat-collector/1.0'),
  };
}

/** The automation, unless it is missing from this workspace or turned off right now. */
export function running(org: OrgWorld, automation: Performer | undefined): Performer | undefined {
  return automation && !(automation.actor.id && org.automations.off.has(automation.actor.id)) ? automation : undefined;
}
