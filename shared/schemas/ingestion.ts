import * as v from 'valibot';
import { ACTOR_TYPES, CATEGORIES, EVENTS, SECTIONS, SUBJECT_TYPES } from '../enums';
import { Id, IsoTimestamp, JsonValue, SafeString, Text } from './common';

/** The most events one `POST /events` request carries. */
export const MAX_INGESTED_EVENTS = 1_000;

/** The name of the system the events come from: it prefixes its actors' ids (`helpdesk:42`), so it holds no colon. */
export const SourceName = v.pipe(SafeString, v.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'must be 1–64 letters, digits, _, . or -, starting with a letter or digit'));

/**
 * The body of `POST /events`. Each item is checked on its own (IngestedEvent),
 * so one bad event is answered in its result instead of refusing the others.
 */
export const IngestEnvelope = v.strictObject({
  source: SourceName,
  events: v.pipe(
    v.array(v.unknown()),
    v.minLength(1, 'must hold at least one event'),
    v.maxLength(MAX_INGESTED_EVENTS, `must hold at most ${MAX_INGESTED_EVENTS} events`),
  ),
});

/** One event that happened in another system, in the shape of the log's own events. */
export const IngestedEvent = v.strictObject({
  /** The source's own id of the event, kept with it so a receiver can tell repeats apart. */
  id: v.optional(Text(200)),
  actor: v.strictObject({ type: v.picklist(ACTOR_TYPES), id: v.optional(Text(200)), name: Text(200) }),
  event: v.picklist(EVENTS),
  category: v.picklist(CATEGORIES),
  section: v.picklist(SECTIONS),
  subject: v.strictObject({ type: v.picklist(SUBJECT_TYPES), id: Text(200), label: Text(500) }),
  customerId: v.optional(v.nullable(Id)),
  conversationId: v.optional(v.nullable(Id)),
  property: v.optional(v.nullable(Text(200))),
  before: v.optional(JsonValue(16_384)),
  after: v.optional(JsonValue(16_384)),
  occurredAt: IsoTimestamp,
});
export type IngestedEvent = v.InferOutput<typeof IngestedEvent>;

/** One event's answer: the id of the row it became, or why it was refused. */
export type IngestResult = { index: number; id: string } | { index: number; error: { code: string; message: string } };

export interface IngestResponse {
  summary: { accepted: number; rejected: number };
  results: IngestResult[];
}

