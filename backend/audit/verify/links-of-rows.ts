import { bufferOf } from '../chain/append';
import { leafHash } from '../chain/links';
import { STORED_EVENT_COLUMNS, storedEventOf, storedLeaf } from '../chain/stored-leaf';

/*
 * An audit_events row as the verifier reads it, and the leaf hash it
 * recomputes from the row's stored text alone.
 */

/** The columns read for each event, in this order: its place in the chain, then the stored event (stored-leaf.ts). */
export const EVENT_COLUMNS = `seq, hash, ${STORED_EVENT_COLUMNS}`;

export const SEQ = 0;
export const HASH = 1;
const STORED_EVENT = 2;
/** In a tombstone's row of LINKS_IN_RANGE: its leaf hash. */
export const LEAF = 27;
/** The last column of LINKS_IN_RANGE: 0 for an event, 1 for a tombstone. */
export const KIND = 28;

const TOMBSTONE_COLUMNS = ['seq', 'hash', ...Array<string>(LEAF - STORED_EVENT).fill('null'), 'leaf'].join(', ');

/**
 * The links of one range of sequence numbers, events and tombstones in one
 * statement (so one snapshot: a purge committing between two reads cannot
 * show an event and its tombstone both), by sequence number. Arguments:
 * org, low (exclusive), high, org, low, high.
 */
export const LINKS_IN_RANGE =
  `select ${EVENT_COLUMNS}, null, 0 from audit_events where org_id = ? and seq > ? and seq <= ? ` +
  `union all select ${TOMBSTONE_COLUMNS}, 1 from audit_tombstones where org_id = ? and seq > ? and seq <= ? order by 1, ${KIND + 1}`;

/**
 * The leaf hash of a row of EVENT_COLUMNS, recomputed from its stored text
 * alone. Seals or a snapshot that are not JSON any more make a text no
 * honest row has (the row was changed), rather than an exception.
 */
export function leafOfRow(row: unknown[]): Buffer {
  try {
    return storedLeaf(storedEventOf(row.slice(STORED_EVENT)));
  } catch {
    return leafHash(`unreadable seals or value:${row.slice(STORED_EVENT).map(String).join(':')}`);
  }
}

/** A stored hash column as bytes, or null when it is missing or not 32 bytes. */
export function storedHash(value: unknown): Buffer | null {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number') return null;
  const bytes = bufferOf(value);
  return bytes.length === 32 ? bytes : null;
}
