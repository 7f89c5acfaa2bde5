import { sql } from 'drizzle-orm';
import type { AuditFilters } from '../../../shared/schemas/audit';
import { headSeqOf } from '../../audit/chain/head-seqs';
import { auditWhere } from '../../audit/query/where';
import { eventJsonFor } from '../../audit/query/event-json';
import { type Reader, runSqlArrays } from '../../db/sql';
import { streamReaderOf } from './filter';

/** Events per batch (one webhook request, or one run of lines appended to a file). */
export const BATCH_SIZE = 500;
/**
 * Sequence numbers looked at per read. A filter that matches few events
 * would otherwise walk the whole rest of the log to fill a batch; bounded,
 * each read costs at most this many index steps and the position moves on
 * past the window's non-matching events.
 */
export const SCAN_WINDOW = 50_000;

/** One event of a batch: its place in the workspace's chain and its JSON text as the API presents it, plus `"seq"`. */
export interface StreamedEvent {
  seq: number;
  json: string;
}

export interface Batch {
  events: StreamedEvent[];
  /** The position once these events are delivered: the last one's seq when the batch is full, else the end of what was read. */
  nextPosition: number;
}

/**
 * The next events after `position` that match `filters`, in sequence order,
 * at most BATCH_SIZE. The head is read first: every event up to it had
 * committed by then, so reading up to it never skips an event that commits
 * later with a smaller number. Events a retention purge deleted are simply
 * not there; delivery goes on with what the log keeps.
 */
export async function readBatch(db: Reader, orgId: string, filters: AuditFilters, position: number): Promise<Batch> {
  const head = await headSeqOf(db, orgId);
  const upTo = Math.min(head, position + SCAN_WINDOW);
  if (upTo <= position) return { events: [], nextPosition: position };
  const where = await auditWhere(streamReaderOf(orgId), filters);
  // INDEXED BY: walking the chain index in order is the bounded plan; another
  // filter's index would visit every row of that filter to sort them.
  const rows = await runSqlArrays(
    db,
    sql`select audit_events.seq, ${eventJsonFor('all')} from audit_events indexed by audit_chain_idx
        where ${where} and audit_events.seq > ${position} and audit_events.seq <= ${upTo}
        order by audit_events.seq limit ${BATCH_SIZE}`,
  );
  const events = rows.map(([seq, json]) => ({ seq: Number(seq), json: withSeq(String(json), Number(seq)) }));
  const full = events.length === BATCH_SIZE;
  return { events, nextPosition: full ? events[events.length - 1]!.seq : upTo };
}

/** The event's JSON object with one more key, `seq`, its place in the chain. */
function withSeq(json: string, seq: number): string {
  return `${json.slice(0, -1)},"seq":${seq}}`;
}
