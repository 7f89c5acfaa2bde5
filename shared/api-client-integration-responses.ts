import * as v from 'valibot';
import { STREAM_DESTINATION_KINDS, STREAM_DESTINATION_STATUSES } from './enums';

/*
 * The response shapes of the integration routes (stream destinations and
 * inbound helpdesk webhooks), checked by the client before it hands them on.
 * Times are ISO 8601. Loose objects: the API may add fields.
 */

/**
 * How a destination's delivery is going:
 * - caught_up: everything matching was delivered;
 * - delivering: events are waiting and the last attempt succeeded (or none failed);
 * - retrying: the last attempt failed; the next is at nextAttemptAt;
 * - paused: nothing is sent until it is resumed (see the destination's pausedReason).
 */
export const STREAM_HEALTH_STATES = ['caught_up', 'delivering', 'retrying', 'paused'] as const;
export type StreamHealthState = (typeof STREAM_HEALTH_STATES)[number];

export const StreamHealthBody = v.object({
  state: v.picklist(STREAM_HEALTH_STATES),
  /** Every event with a sequence number up to this was delivered or did not match the filter. */
  position: v.number(),
  /** The workspace chain's newest sequence number. */
  headSeq: v.number(),
  /** Matching events recorded but not delivered yet. */
  lagEvents: v.number(),
  /** True when lagEvents stopped counting at its cap (10,000 events, or 200,000 sequence numbers looked at): at least that many wait. */
  lagEventsCapped: v.optional(v.boolean()),
  /** How long ago the oldest undelivered matching event was recorded (0 when caught up). */
  lagSeconds: v.number(),
  deliveredCount: v.number(),
  lastSuccessAt: v.nullable(v.string()),
  lastErrorAt: v.nullable(v.string()),
  lastError: v.nullable(v.string()),
  /** When the current run of failures began (null while delivering). */
  failingSince: v.nullable(v.string()),
  nextAttemptAt: v.nullable(v.string()),
  /** Failed attempts since the last success. */
  attempts: v.number(),
  /** jsonl_file: the file being written, relative to the destination's folder. */
  currentFile: v.nullable(v.string()),
});
export type StreamHealth = v.InferOutput<typeof StreamHealthBody>;

/** A stream destination, with its health. Its webhook secret is only ever in the create and rotate-secret answers. */
export const StreamDestinationBody = v.object({
  id: v.string(),
  name: v.string(),
  kind: v.picklist(STREAM_DESTINATION_KINDS),
  url: v.nullable(v.string()),
  directory: v.nullable(v.string()),
  rotateBytes: v.nullable(v.number()),
  rotateMinutes: v.nullable(v.number()),
  filter: v.record(v.string(), v.union([v.string(), v.array(v.string())])),
  pauseAfterMinutes: v.number(),
  status: v.picklist(STREAM_DESTINATION_STATUSES),
  pausedReason: v.nullable(v.string()),
  createdAt: v.string(),
  updatedAt: v.string(),
  health: StreamHealthBody,
});
export type StreamDestination = v.InferOutput<typeof StreamDestinationBody>;

export const StreamDestinationListBody = v.object({ items: v.array(StreamDestinationBody) });

/** POST /stream-destinations and POST /stream-destinations/:id/rotate-secret: the webhook's signing secret, shown once (null for a file). */
export const StreamDestinationWithSecretBody = v.object({ ...StreamDestinationBody.entries, secret: v.nullable(v.string()) });
export type StreamDestinationWithSecret = v.InferOutput<typeof StreamDestinationWithSecretBody>;

/** An inbound helpdesk webhook. `url` is the full address the helpdesk posts to. */
export const InboundWebhookBody = v.object({
  id: v.string(),
  name: v.string(),
  source: v.string(),
  url: v.string(),
  createdAt: v.string(),
  revokedAt: v.nullable(v.string()),
  /** When the last signed request was accepted, if ever. */
  lastReceivedAt: v.nullable(v.string()),
  /** When a request was last refused (bad signature, stale timestamp, invalid body), and why. */
  lastRefusedAt: v.nullable(v.string()),
  lastRefusal: v.nullable(v.string()),
});
export type InboundWebhook = v.InferOutput<typeof InboundWebhookBody>;

export const InboundWebhookListBody = v.object({ items: v.array(InboundWebhookBody) });

/** POST /inbound-webhooks and POST /inbound-webhooks/:id/rotate-secret: the shared secret, shown once. */
export const InboundWebhookWithSecretBody = v.object({ ...InboundWebhookBody.entries, secret: v.string() });
export type InboundWebhookWithSecret = v.InferOutput<typeof InboundWebhookWithSecretBody>;
