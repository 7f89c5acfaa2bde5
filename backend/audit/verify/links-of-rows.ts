import { bufferOf } from '../chain/append';
import { canonicalEventText, type ChainedFields } from '../chain/canonical';
import { leafHash } from '../chain/links';
import { parseSeals, storedCommitment } from '../chain/seals';

/*
 * An audit_events row as the verifier reads it, and the leaf hash it
 * recomputes from the row's stored text alone.
 */

/** The columns read for each event, in this order (EVENT_COLUMNS[i] is row[i]). */
export const EVENT_COLUMNS =
  'seq, hash, seals, before, after, org_id, id, occurred_at, actor_type, actor_id, actor_name, event, category, section, ' +
  'subject_type, subject_id, subject_label, customer_id, conversation_id, property, change_id, context, request_id, ip, user_agent, api_key_id';

export const SEQ = 0;
export const HASH = 1;
/** In a tombstone's row of LINKS_IN_RANGE: its leaf hash. */
export const LEAF = 2;
/** The last column of LINKS_IN_RANGE: 0 for an event, 1 for a tombstone. */
export const KIND = 26;

const TOMBSTONE_COLUMNS = ['seq', 'hash', 'leaf', ...Array<string>(23).fill('null')].join(', ');

/**
 * The links of one range of sequence numbers, events and tombstones in one
 * statement (so one snapshot: a purge committing between two reads cannot
 * show an event and its tombstone both), by sequence number. Arguments:
 * org, low (exclusive), high, org, low, high.
 */
export const LINKS_IN_RANGE =
  `select ${EVENT_COLUMNS}, 0 from audit_events where org_id = ? and seq > ? and seq <= ? ` +
  `union all select ${TOMBSTONE_COLUMNS}, 1 from audit_tombstones where org_id = ? and seq > ? and seq <= ? order by 1, 27`;

type Text = string | null;

/** The fields a row's canonical text is made of. */
export function chainedFieldsOf(row: unknown[]): ChainedFields {
  return {
    seq: Number(row[0]),
    orgId: row[5] as string,
    id: row[6] as string,
    occurredAt: Number(row[7]),
    actorType: row[8] as string,
    actorId: row[9] as Text,
    actorName: row[10] as string,
    event: row[11] as string,
    category: row[12] as string,
    section: row[13] as string,
    subjectType: row[14] as string,
    subjectId: row[15] as string,
    subjectLabel: row[16] as string,
    customerId: row[17] as Text,
    conversationId: row[18] as Text,
    property: row[19] as Text,
    changeId: row[20] as string,
    context: row[21] as Text,
    requestId: row[22] as Text,
    ip: row[23] as Text,
    userAgent: row[24] as Text,
    apiKeyId: row[25] as Text,
  };
}

/**
 * The leaf hash of a stored row: its canonical text with the commitments
 * its stored values and seals make. Seals that are not JSON make a text no
 * honest row has (the row was changed), rather than an exception.
 */
export function leafOfRow(row: unknown[]): Buffer {
  const fields = chainedFieldsOf(row);
  let seals: ReturnType<typeof parseSeals>;
  try {
    seals = parseSeals(row[2] as Text);
  } catch {
    return leafHash(`unreadable seals:${String(row[2])}`);
  }
  let text: string;
  try {
    text = canonicalEventText(
      fields,
      storedCommitment(fields.property, row[3] as Text, seals.b),
      storedCommitment(fields.property, row[4] as Text, seals.a),
    );
  } catch {
    // A snapshot value that is not JSON any more.
    return leafHash(`unreadable value:${String(row[3])}:${String(row[4])}`);
  }
  return leafHash(text);
}

/** A stored hash column as bytes, or null when it is missing or not 32 bytes. */
export function storedHash(value: unknown): Buffer | null {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number') return null;
  const bytes = bufferOf(value);
  return bytes.length === 32 ? bytes : null;
}
