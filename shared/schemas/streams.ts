import * as v from 'valibot';
import { Text, Url } from './common';
import { AuditFilterFields } from './audit';

/** A stream is open-ended: every filter of the log except its time range. */
const { from: _from, to: _to, ...streamFilterFields } = AuditFilterFields;

/** The events a destination receives: the log's own filters (as GET /audit takes them), without from/to. */
export const StreamFilter = v.strictObject(streamFilterFields);
export type StreamFilterInput = v.InferOutput<typeof StreamFilter>;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Batches are signed but their content is the workspace's log: they go over
 * HTTPS only. Plain HTTP is allowed to this machine's own loopback address
 * (a local collector or a test receiver), which never leaves the host.
 */
export const WebhookUrl = v.pipe(
  Url,
  v.check((url) => {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname));
  }, 'must be an https:// URL (http:// only to 127.0.0.1 or localhost)'),
);

/** A folder name under the server's stream root (never a path: an admin picks a name, the server picks where). */
export const StreamDirectory = v.pipe(Text(64), v.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'must be a folder name: letters, digits, _, . or -'));

export const ROTATE_BYTES_RANGE = { min: 1_024, max: 1_073_741_824, default: 104_857_600 } as const;
export const ROTATE_MINUTES_RANGE = { min: 1, max: 10_080, default: 1_440 } as const;
export const PAUSE_AFTER_MINUTES_RANGE = { min: 1, max: 43_200, default: 4_320 } as const;

const RotateBytes = v.pipe(v.number(), v.integer(), v.minValue(ROTATE_BYTES_RANGE.min), v.maxValue(ROTATE_BYTES_RANGE.max));
const RotateMinutes = v.pipe(v.number(), v.integer(), v.minValue(ROTATE_MINUTES_RANGE.min), v.maxValue(ROTATE_MINUTES_RANGE.max));
const PauseAfterMinutes = v.pipe(v.number(), v.integer(), v.minValue(PAUSE_AFTER_MINUTES_RANGE.min), v.maxValue(PAUSE_AFTER_MINUTES_RANGE.max));

/** Where delivery starts: with the events recorded from now on, or with the oldest event the log still keeps. */
export const STREAM_START_AT = ['now', 'oldest'] as const;

const common = {
  name: Text(100),
  filter: v.optional(StreamFilter),
  pauseAfterMinutes: v.optional(PauseAfterMinutes),
  startAt: v.optional(v.picklist(STREAM_START_AT)),
};

/** POST /stream-destinations. */
export const StreamDestinationCreate = v.variant('kind', [
  v.strictObject({ kind: v.literal('webhook'), url: WebhookUrl, ...common }),
  v.strictObject({
    kind: v.literal('jsonl_file'),
    directory: StreamDirectory,
    rotateBytes: v.optional(RotateBytes),
    rotateMinutes: v.optional(RotateMinutes),
    ...common,
  }),
]);
export type StreamDestinationCreateInput = v.InferOutput<typeof StreamDestinationCreate>;

/** PATCH /stream-destinations/:id: the settings to change (kind-specific ones only on their kind, else 400). */
export const StreamDestinationUpdate = v.pipe(
  v.strictObject({
    name: v.optional(Text(100)),
    url: v.optional(WebhookUrl),
    directory: v.optional(StreamDirectory),
    rotateBytes: v.optional(RotateBytes),
    rotateMinutes: v.optional(RotateMinutes),
    filter: v.optional(StreamFilter),
    pauseAfterMinutes: v.optional(PauseAfterMinutes),
  }),
  v.check((body) => Object.keys(body).length > 0, 'must change at least one setting'),
);
export type StreamDestinationUpdateInput = v.InferOutput<typeof StreamDestinationUpdate>;
