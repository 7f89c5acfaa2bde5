import * as v from 'valibot';
import { Text } from './common';
import { SourceName } from './ingestion';

/** POST /inbound-webhooks: a helpdesk's webhook, named, and the source its events are marked with. */
export const InboundWebhookCreate = v.strictObject({
  name: Text(100),
  source: SourceName,
});
export type InboundWebhookCreateInput = v.InferOutput<typeof InboundWebhookCreate>;
