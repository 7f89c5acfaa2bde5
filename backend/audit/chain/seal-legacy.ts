import { sql } from 'drizzle-orm';
import { type Reader, runSqlArrays, type Tx } from '../../db/sql';
import type { Database } from '../../db/client';
import type { WriteQueue } from '../../db/write-queue';
import { canonicalJson, decodeValue, encodeValue } from '../values';
import { chainRows, MEASURING_WITHOUT_CHAIN, type UnchainedRow } from './append';
import { withAuditMaintenance } from './maintenance';
import { STORED_EVENT_COLUMNS, storedEventOf } from './stored-leaf';

/*
 * Events written before the hash chain existed have no place in it
 * (seq NULL). At start, before the server answers anything, each
 * workspace's unsealed events are chained after its head, oldest first by
 * (occurred_at, id): their values and context are rewritten canonically
 * (the form their commitments and the canonical event hash), sealed and
 * linked, in batches through the write queue. A database with nothing
 * unsealed costs one indexed lookup per workspace, so this runs at every
 * start; several processes starting together each seal what is still
 * unsealed inside their own transaction.
 */

/** Events per write transaction. */
export const SEALING_BATCH_SIZE = 500;

type Position = { occurredAt: number; id: string };
type SealedBatch = { count: number; last: Position | null };

/** Seals every unsealed event of every workspace; returns how many it sealed. */
export async function sealLegacyEvents(
  deps: { db: Pick<Database, 'reader'>; writes: WriteQueue },
  options: { batchSize?: number } = {},
): Promise<number> {
  if (MEASURING_WITHOUT_CHAIN) return 0;
  const batchSize = options.batchSize ?? SEALING_BATCH_SIZE;
  let sealed = 0;
  for (const orgId of await orgsWithUnsealedEvents(deps.db.reader)) {
    let after: Position | null = null;
    for (;;) {
      const from: Position | null = after;
      const batch: SealedBatch = await deps.writes.run((tx) => withAuditMaintenance(tx, 'sealing', () => sealBatch(tx, orgId, from, batchSize)));
      sealed += batch.count;
      if (batch.count < batchSize) break;
      after = batch.last;
    }
  }
  return sealed;
}

async function orgsWithUnsealedEvents(reader: Reader): Promise<string[]> {
  // Through audit_chain_idx (org_id, seq): one probe per workspace.
  const rows = await runSqlArrays(
    reader,
    sql`SELECT id FROM organizations WHERE EXISTS (SELECT 1 FROM audit_events WHERE org_id = organizations.id AND seq IS NULL)`,
  );
  return rows.map((r) => r[0] as string);
}

/** Chains the next `limit` unsealed events of one workspace after `from`, in (occurred_at, id) order. */
async function sealBatch(tx: Tx, orgId: string, from: Position | null, limit: number): Promise<SealedBatch> {
  const rows = await runSqlArrays(
    tx,
    sql`SELECT ${sql.raw(STORED_EVENT_COLUMNS)} FROM audit_events
        WHERE org_id = ${orgId} AND seq IS NULL AND (occurred_at, id) > (${from?.occurredAt ?? Number.MIN_SAFE_INTEGER}, ${from?.id ?? ''})
        ORDER BY occurred_at, id LIMIT ${limit}`,
  );
  if (rows.length === 0) return { count: 0, last: null };
  const events: UnchainedRow[] = rows.map((r) => {
    const { seq: _unsealed, seals: _none, ...event } = storedEventOf(r);
    return {
      ...event,
      before: encodeValue(decodeValue(event.before)),
      after: encodeValue(decodeValue(event.after)),
      // An empty context reads as none (present.ts).
      context: event.context ? canonicalJson(JSON.parse(event.context)) : null,
    };
  });
  const links = await chainRows(
    tx,
    orgId,
    events,
    events.map((e) => ({ before: decodeValue(e.before), after: decodeValue(e.after) })),
  );
  for (const [i, event] of events.entries()) {
    const { seq, hash, seals } = links[i]!;
    await tx.run(sql`UPDATE audit_events SET before = ${event.before}, after = ${event.after}, context = ${event.context},
                       seq = ${seq}, hash = ${hash}, seals = ${seals} WHERE id = ${event.id}`);
  }
  const last = events.at(-1)!;
  return { count: events.length, last: { occurredAt: last.occurredAt, id: last.id } };
}
