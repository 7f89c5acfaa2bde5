import * as v from 'valibot';
import { Id, JsonValue, Text } from './common';
import { SafeString } from './safe-string';
import { ViewFilter } from './views';

/** The longest value a watch may wait for (as the audit log encodes it). */
export const WATCH_VALUE_MAX_BYTES = 4_096;

/** A tracked property's name as the log records it (`status`, `custom.tier`). */
const PropertyName = v.pipe(SafeString, v.regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)?$/, 'must be a property name'), v.maxLength(80));

/**
 * A customer or a conversation; optionally one of its properties; optionally
 * the value that property must change to (`value` present, even null, means
 * "only when it changes to this"; absent means any change).
 */
export const WatchSubject = v.pipe(
  v.strictObject({
    type: v.picklist(['customer', 'conversation']),
    id: Id,
    property: v.optional(PropertyName),
    value: v.optional(JsonValue(WATCH_VALUE_MAX_BYTES)),
  }),
  v.check((subject) => !('value' in subject) || subject.property !== undefined, 'a value needs a property'),
);

const Minutes = v.pipe(v.number(), v.integer('must be a whole number of minutes'), v.minValue(1), v.maxValue(1_440));

/**
 * Fires when `count` or more matching events happen within `minutes`
 * (counted for the whole watch, or for each actor on its own with
 * `perActor`), once; it fires again only after `quietMinutes` (default:
 * `minutes`) without a match.
 */
export const WatchThreshold = v.strictObject({
  count: v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(2), v.maxValue(10_000)),
  minutes: Minutes,
  quietMinutes: v.optional(Minutes),
  perActor: v.optional(v.boolean(), false),
});

const watchFields = {
  /** Defaults to a name made from the subject or filter. */
  name: Text(120),
  subject: WatchSubject,
  /** A log filter in query parameter form, as a saved view keeps it. */
  filter: ViewFilter,
  threshold: WatchThreshold,
  /** Notify of the watcher's own changes too (left out by default). */
  includeOwn: v.boolean(),
  paused: v.boolean(),
};


/** POST /watches: a subject or a filter (exactly one), optionally a threshold. */
export const WatchCreate = v.pipe(
  v.strictObject({
    name: v.optional(watchFields.name),
    subject: v.optional(watchFields.subject),
    filter: v.optional(watchFields.filter),
    threshold: v.optional(watchFields.threshold),
    includeOwn: v.optional(watchFields.includeOwn, false),
    paused: v.optional(watchFields.paused, false),
  }),
  v.check((watch) => (watch.subject === undefined) !== (watch.filter === undefined), 'a watch has either a subject or a filter'),
);

/**
 * PATCH /watches/:id (owner only). Replacing the subject with a filter, or
 * the other way, sets the other to null; `threshold: null` removes it.
 */
export const WatchPatch = v.partial(
  v.strictObject({
    name: watchFields.name,
    subject: v.nullable(watchFields.subject),
    filter: v.nullable(watchFields.filter),
    threshold: v.nullable(watchFields.threshold),
    includeOwn: watchFields.includeOwn,
    paused: watchFields.paused,
  }),
);

/** GET /notifications */
export const NotificationListQuery = v.strictObject({
  limit: v.optional(v.pipe(SafeString, v.toNumber(), v.integer(), v.minValue(1), v.maxValue(100)), '50'),
  cursor: v.optional(v.pipe(SafeString, v.maxLength(200))),
  /** `true`: only the unread ones. */
  unread: v.optional(v.picklist(['true', 'false'])),
});

export type WatchCreateInput = v.InferOutput<typeof WatchCreate>;
export type WatchPatchInput = v.InferOutput<typeof WatchPatch>;
export type WatchSubjectInput = v.InferOutput<typeof WatchSubject>;
export type WatchThresholdInput = v.InferOutput<typeof WatchThreshold>;
