import { sql } from 'drizzle-orm';
import { decodeTime } from 'ulidx';
import type { StreamHealth } from '../../../shared/api-client-integration-responses';
import { headSeqOf } from '../../audit/chain/head-seqs';
import { auditWhere } from '../../audit/query/where';
import { type Reader, runSqlArrays } from '../../db/sql';
import type { DeliveryRow } from './delivery-store';
import type { DestinationRow } from './destination-entity';
import { filtersOf, streamReaderOf } from './filter';

/**
 * The lag is counted up to this many events: a destination far behind
 * (paused for days) says "at least 10,000" instead of counting millions on
 * every refresh of the admin page. `lagEventsCapped` says when it stopped.
 */
export const LAG_COUNT_CAP = 10_000;
/** …and within this many sequence numbers after the position, so a filter matching few events stays cheap too. */
const LAG_SCAN_WINDOW = 200_000;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export type HealthWithCap = StreamHealth & { lagEventsCapped: boolean };

/**
 * How delivery to `destination` is going, as the admin page shows it: where
 * it stands against the chain's head, how many matching events wait and
 * since when, and its last success and error. Events a retention purge
 * deleted before they were delivered are not counted: they are not there.
 */
export async function healthOf(db: Reader, destination: DestinationRow, delivery: DeliveryRow, now: Date): Promise<HealthWithCap> {
  const headSeq = await headSeqOf(db, destination.orgId);
  const lag = await lagOf(db, destination, delivery.position, headSeq);
  const lagSeconds = lag.oldestAt === null ? 0 : Math.max(0, Math.floor((now.getTime() - lag.oldestAt) / 1000));
  return {
    state: destination.status === 'paused' ? 'paused' : delivery.attempts > 0 ? 'retrying' : lag.events === 0 ? 'caught_up' : 'delivering',
    position: delivery.position,
    headSeq,
    lagEvents: lag.events,
    lagEventsCapped: lag.capped,
    lagSeconds,
    deliveredCount: delivery.deliveredCount,
    lastSuccessAt: iso(delivery.lastSuccessAt),
    lastErrorAt: iso(delivery.lastErrorAt),
    lastError: delivery.lastError,
    failingSince: iso(delivery.failingSince),
    nextAttemptAt: iso(delivery.nextAttemptAt),
    attempts: delivery.attempts,
    currentFile: destination.kind === 'jsonl_file' ? delivery.fileName : null,
  };
}

async function lagOf(db: Reader, destination: DestinationRow, position: number, headSeq: number) {
  if (headSeq <= position) return { events: 0, capped: false, oldestAt: null };
  const upTo = Math.min(headSeq, position + LAG_SCAN_WINDOW);
  const where = await auditWhere(streamReaderOf(destination.orgId), filtersOf(destination.filter));
  const range = sql`${where} and audit_events.seq > ${position} and audit_events.seq <= ${upTo}`;
  const [[count] = [0]] = await runSqlArrays(
    db,
    sql`select count(*) from (select 1 from audit_events indexed by audit_chain_idx where ${range} limit ${LAG_COUNT_CAP})`,
  );
  const [[oldestId, occurredAt] = [null, null]] = await runSqlArrays(
    db,
    sql`select audit_events.id, audit_events.occurred_at from audit_events indexed by audit_chain_idx where ${range} order by audit_events.seq limit 1`,
  );
  const events = Number(count);
  return { events, capped: events >= LAG_COUNT_CAP || upTo < headSeq, oldestAt: oldestId === null ? null : recordedAt(String(oldestId), Number(occurredAt)) };
}

/**
 * When an event was written to the log. Its id is a ULID made at the write,
 * whose first part is that time; occurred_at alone would not do, since an
 * event from another system says when it happened there, possibly days
 * before it was sent. The later of the two: a write records what just
 * occurred, so for the log's own events they agree.
 */
function recordedAt(id: string, occurredAt: number): number {
  try {
    return Math.max(decodeTime(id), occurredAt);
  } catch {
    return occurredAt;
  }
}
