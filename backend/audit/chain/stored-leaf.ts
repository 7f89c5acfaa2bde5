import { canonicalEventText, type ChainedFields } from './canonical';
import { leafHash } from './links';
import { parseSeals, storedCommitment } from './seals';

/** An audit row as stored: the chained fields, the stored values and their seals. */
export interface StoredEvent extends ChainedFields {
  before: string | null;
  after: string | null;
  seals: string | null;
}

/** The columns `storedEventOf` reads, in its order (audit_events). */
export const STORED_EVENT_COLUMNS =
  'org_id, seq, id, occurred_at, actor_type, actor_id, actor_name, event, category, section, subject_type, subject_id, ' +
  'subject_label, customer_id, conversation_id, property, change_id, context, request_id, ip, user_agent, api_key_id, ' +
  'before, after, seals';

/** A row of STORED_EVENT_COLUMNS as a StoredEvent. */
export function storedEventOf(r: ArrayLike<unknown>): StoredEvent {
  return {
    orgId: r[0] as string,
    seq: Number(r[1]),
    id: r[2] as string,
    occurredAt: Number(r[3]),
    actorType: r[4] as string,
    actorId: r[5] as string | null,
    actorName: r[6] as string,
    event: r[7] as string,
    category: r[8] as string,
    section: r[9] as string,
    subjectType: r[10] as string,
    subjectId: r[11] as string,
    subjectLabel: r[12] as string,
    customerId: r[13] as string | null,
    conversationId: r[14] as string | null,
    property: r[15] as string | null,
    changeId: r[16] as string,
    context: r[17] as string | null,
    requestId: r[18] as string | null,
    ip: r[19] as string | null,
    userAgent: r[20] as string | null,
    apiKeyId: r[21] as string | null,
    before: r[22] as string | null,
    after: r[23] as string | null,
    seals: r[24] as string | null,
  };
}

/**
 * The leaf hash of a stored row, recomputed from what is stored: the
 * commitments come from the values and their salts, or from the kept
 * commitments of redacted values. The retention purge keeps it in a
 * tombstone; a verifier compares it with the chain.
 */
export function storedLeaf(row: StoredEvent): Buffer {
  const seals = parseSeals(row.seals);
  const before = storedCommitment(row.property, row.before, seals.b);
  const after = storedCommitment(row.property, row.after, seals.a);
  return leafHash(canonicalEventText(row, before, after));
}
