import { canonicalJson } from '../values';

/*
 * The canonical form of an audit event: the text its leaf hash is taken of.
 * It is RFC 8785 (JSON Canonicalization Scheme) JSON of one object with
 * fixed keys: object keys sorted by UTF-16 code units, no whitespace,
 * strings escaped and numbers written as ECMAScript's JSON.stringify does.
 * canonicalJson (values.ts) is JCS for every value the log stores (finite
 * numbers, well-formed strings, which input validation guarantees).
 *
 *   {"actor":{"id":…,"name":…,"type":…},"after":C,"apiKeyId":…,"before":C,
 *    "category":…,"changeId":…,"context":…,"conversationId":…,"customerId":…,
 *    "event":…,"id":…,"ip":…,"occurredAt":<epoch ms>,"orgId":…,"property":…,
 *    "requestId":…,"section":…,"seq":<n>,"subject":{"id":…,"label":…,"type":…},
 *    "userAgent":…,"v":1}
 *
 * `before` and `after` are not the values but commitments to them (C, see
 * seals.ts): a redacted value can be erased while its commitment, and so the
 * event's hash, stays. `context` is the stored context (canonical JSON).
 * The text is assembled key by key rather than through a generic
 * canonicalizer: verification rebuilds it for every event, and the keys are
 * fixed.
 */

export const CANONICAL_VERSION = 1;

/** An audit row's fields as stored, with its place in the chain. */
export interface ChainedFields {
  orgId: string;
  seq: number;
  id: string;
  occurredAt: number;
  actorType: string;
  actorId: string | null;
  actorName: string;
  event: string;
  category: string;
  section: string;
  subjectType: string;
  subjectId: string;
  subjectLabel: string;
  customerId: string | null;
  conversationId: string | null;
  property: string | null;
  changeId: string;
  /** Canonical JSON text, or null. */
  context: string | null;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  apiKeyId: string | null;
}

/** A commitment to a value: its hex digest, one per key of a snapshot, or null for a null value. */
export type Commitment = string | { [key: string]: string | null } | null;

const str = (value: string | null): string => JSON.stringify(value);

/** A commitment as it stands in the canonical text. */
export function commitmentText(commitment: Commitment): string {
  if (commitment === null || typeof commitment === 'string') return str(commitment);
  return canonicalJson(commitment);
}

/** The canonical text of one event, given its commitments. */
export function canonicalEventText(row: ChainedFields, before: Commitment, after: Commitment): string {
  return (
    `{"actor":{"id":${str(row.actorId)},"name":${str(row.actorName)},"type":${str(row.actorType)}}` +
    `,"after":${commitmentText(after)}` +
    `,"apiKeyId":${str(row.apiKeyId)}` +
    `,"before":${commitmentText(before)}` +
    `,"category":${str(row.category)}` +
    `,"changeId":${str(row.changeId)}` +
    `,"context":${row.context ?? 'null'}` +
    `,"conversationId":${str(row.conversationId)}` +
    `,"customerId":${str(row.customerId)}` +
    `,"event":${str(row.event)}` +
    `,"id":${str(row.id)}` +
    `,"ip":${str(row.ip)}` +
    `,"occurredAt":${row.occurredAt}` +
    `,"orgId":${str(row.orgId)}` +
    `,"property":${str(row.property)}` +
    `,"requestId":${str(row.requestId)}` +
    `,"section":${str(row.section)}` +
    `,"seq":${row.seq}` +
    `,"subject":{"id":${str(row.subjectId)},"label":${str(row.subjectLabel)},"type":${str(row.subjectType)}}` +
    `,"userAgent":${str(row.userAgent)}` +
    `,"v":${CANONICAL_VERSION}}`
  );
}
