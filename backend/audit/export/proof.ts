import { type SQL, sql } from 'drizzle-orm';
import { eventJsonFor, eventJsonPackingFor } from '../query/event-json';
import type { RowPacking } from '../query/rows';
import type { SourceFields } from '../source-fields';

/*
 * The JSONL export's lines carry their proof: the event's JSON as the API
 * presents it, plus
 *   "proof": {"seq": n, "hash": "<hex>", "previous": "<hex chain hash of n-1>", "seals": <the row's seals or null>}
 * so each line can be checked offline (backend/audit/verify/export-lines.ts):
 * its leaf rebuilt from the line must chain from `previous` to `hash`. The
 * link before event n is event n-1's hash, or the tombstone's of a purged
 * n-1, or the anchor's when n-1 ends the purged prefix, or 32 zero bytes
 * for event 1.
 */

const PREVIOUS_HASH = sql.raw(
  `coalesce(` +
    `(select p.hash from audit_events p where p.org_id = audit_events.org_id and p.seq = audit_events.seq - 1), ` +
    `(select t.hash from audit_tombstones t where t.org_id = audit_events.org_id and t.seq = audit_events.seq - 1), ` +
    `(select h.anchor_hash from audit_chain_heads h where h.org_id = audit_events.org_id and h.anchor_seq = audit_events.seq - 1), ` +
    `case when audit_events.seq = 1 then zeroblob(32) end)`,
);

function provenEventJson(fields: SourceFields): SQL {
  const event = eventJsonFor(fields);
  const proof = sql`json_object('seq', audit_events.seq, 'hash', lower(hex(audit_events.hash)), 'previous', lower(hex(${PREVIOUS_HASH})), 'seals', json(audit_events.seals))`;
  // The event's object with one more key: its text up to the closing brace, then the proof.
  return sql`substr(${event}, 1, length(${event}) - 1) || ',"proof":' || ${proof} || '}'`;
}

const PROVEN: Record<SourceFields, RowPacking> = {
  all: { select: provenEventJson('all'), positionOf: eventJsonPackingFor('all').positionOf },
  without_client: { select: provenEventJson('without_client'), positionOf: eventJsonPackingFor('without_client').positionOf },
};

/** The JSONL export's rows: each event's JSON text with its proof. */
export function provenEventJsonPackingFor(fields: SourceFields): RowPacking {
  return PROVEN[fields];
}
