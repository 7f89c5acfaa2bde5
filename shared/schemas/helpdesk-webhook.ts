import * as v from 'valibot';
import { Email, IsoTimestamp, JsonValue, SafeString, Text } from './common';

/*
 * The bodies a helpdesk webhook (POST /hooks/helpdesk/:id) accepts: an update
 * of one object (its type, its id in the helpdesk, and each changed attribute
 * with its value before and after), in Auditdesk's own shape or in
 * Kustomer's. Each changed attribute becomes one audit event.
 */

/** The most attributes one delivery may change. */
export const MAX_WEBHOOK_CHANGES = 200;
/** The largest value before or after a change (as the ingestion API allows). */
const MAX_VALUE_BYTES = 16_384;

/** An attribute's name, kept as the event's property: as sent, so it may not start or end with spaces that would be lost. */
export const AttributeName = v.pipe(
  SafeString,
  v.nonEmpty('must not be empty'),
  v.maxLength(200),
  v.check((name) => name.trim() === name, 'must not begin or end with white space'),
);

/** One changed attribute, with its value before and after (absent: null). */
export interface AttributeChange {
  attribute: string;
  before: unknown;
  after: unknown;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const Value = v.optional(JsonValue(MAX_VALUE_BYTES));
const StrictChange = v.strictObject({ before: Value, after: Value });
/** Kustomer's change also says which operation it was (`op`), which the before and after already tell. */
const LooseChange = v.looseObject({ before: Value, after: Value });

/**
 * A map of attribute → change, read as a list of its own entries: a record
 * schema would drop names such as `__proto__`, which are data here.
 */
function changeMap(change: typeof StrictChange | typeof LooseChange) {
  return v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, 'must be an object of attribute → { before, after }'),
    v.transform((changes) => Object.entries(changes).map(([attribute, value]) => ({ attribute, change: value }))),
    v.array(v.strictObject({ attribute: AttributeName, change })),
    v.minLength(1, 'must name at least one changed attribute'),
    v.maxLength(MAX_WEBHOOK_CHANGES, `must name at most ${MAX_WEBHOOK_CHANGES} attributes`),
    v.transform((entries): AttributeChange[] =>
      entries.map(({ attribute, change: { before, after } }) => ({ attribute, before: before ?? null, after: after ?? null })),
    ),
  );
}


/**
 * Auditdesk's shape (any helpdesk whose webhook body can be templated, e.g.
 * a Zendesk trigger's JSON body):
 * `{ id, occurredAt, object: { type, id, label?, email? }, actor?: { id, name? }, changes: { <attribute>: { before?, after? } } }`.
 * `id` is the delivery's own id: a retry with the same id is recorded once.
 * `object.email` is the customer's email, to file the change in that customer's history.
 */
export const GenericObjectUpdate = v.strictObject({
  id: Text(200),
  occurredAt: IsoTimestamp,
  object: v.strictObject({
    type: Text(64),
    id: Text(200),
    label: v.optional(Text(500)),
    email: v.optional(Email),
  }),
  actor: v.optional(v.strictObject({ id: Text(200), name: v.optional(Text(200)) })),
  changes: changeMap(StrictChange),
});
export type GenericObjectUpdate = v.InferOutput<typeof GenericObjectUpdate>;

/**
 * Kustomer's object-update webhook (its Event object): `id` (the event's),
 * `createdAt`, `data: { type, id, attributes, relationships }` (the object
 * after the change) and `changes.attributes.<attribute>: { op?, before, after }`.
 * Loose objects: Kustomer sends more than this reads. The label, email and
 * who made the change are read from `data` where present (see the adapter).
 */
export const KustomerObjectUpdate = v.looseObject({
  id: Text(200),
  createdAt: IsoTimestamp,
  data: v.looseObject({
    type: Text(64),
    id: Text(200),
    attributes: v.optional(v.looseObject({})),
    relationships: v.optional(v.looseObject({})),
  }),
  changes: v.looseObject({ attributes: changeMap(LooseChange) }),
});
export type KustomerObjectUpdate = v.InferOutput<typeof KustomerObjectUpdate>;

/** Whether a parsed body is in Kustomer's shape (it carries the object under `data`) rather than Auditdesk's. */
export function isKustomerShaped(body: unknown): boolean {
  return isPlainObject(body) && 'data' in body && !('object' in body);
}
