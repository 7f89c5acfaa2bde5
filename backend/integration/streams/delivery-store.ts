import { eq, sql } from 'drizzle-orm';
import { streamDeliveries } from '../../db/schema';
import { inJsonList, type Reader, runSqlArrays, type Tx } from '../../db/sql';

/*
 * Each destination's delivery progress (stream_deliveries): not a setting
 * but the record of what was delivered, written by the process holding the
 * destination's lease. Every write after a delivery is conditional on that
 * lease still being held and on the position being the one the delivery
 * started from, so a process that lost its lease mid-send can never move
 * the position back or past what the new holder delivered.
 */

export type DeliveryRow = typeof streamDeliveries.$inferSelect;

/** The lease a write is made under: `stream:<destination id>`, held by one worker. */
export interface HeldLease {
  name: string;
  holder: string;
}

/** Where a JSON Lines destination is writing: kept here so rotation survives a restart. */
export interface FileState {
  fileName: string;
  fileStartedAt: number;
  fileBytes: number;
}

export async function insertDelivery(tx: Tx, row: { destinationId: string; orgId: string; position: number }): Promise<void> {
  await tx.insert(streamDeliveries).values({ ...row, attempts: 0, deliveredCount: 0 });
}

export async function readDelivery(db: Reader | Tx, destinationId: string): Promise<DeliveryRow | undefined> {
  const [row] = await db.select().from(streamDeliveries).where(eq(streamDeliveries.destinationId, destinationId));
  return row;
}

/** The stored position of each of `destinationIds` that has a delivery row: one statement for any number. */
export async function deliveryPositions(db: Reader, destinationIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await runSqlArrays(
    db,
    sql`select ${streamDeliveries.destinationId}, ${streamDeliveries.position} from ${streamDeliveries}
        where ${inJsonList(sql`${streamDeliveries.destinationId}`, destinationIds)}`,
  );
  return new Map(rows.map(([id, position]) => [String(id), Number(position)]));
}

function leaseHeld(lease: HeldLease, now: number) {
  return sql`exists (select 1 from leases where name = ${lease.name} and holder = ${lease.holder} and expires_at > ${now})`;
}

/**
 * Moves the position from `from` to `to` after `count` events were
 * confirmed delivered (0: none of the events read matched the filter, and
 * only the position moves). A success clears the failure state. False when
 * the lease was lost or another holder moved the position meanwhile.
 */
export async function recordDelivered(
  tx: Tx,
  update: { destinationId: string; lease: HeldLease; from: number; to: number; count: number; now: number; file?: FileState },
): Promise<boolean> {
  const { destinationId, lease, from, to, count, now, file } = update;
  const success = count > 0 ? sql`, delivered_count = delivered_count + ${count}, last_success_at = ${now}, attempts = 0, next_attempt_at = null, failing_since = null` : sql``;
  const fileSet = file ? sql`, file_name = ${file.fileName}, file_started_at = ${file.fileStartedAt}, file_bytes = ${file.fileBytes}` : sql``;
  const result = await tx.run(sql`
    update stream_deliveries set position = ${to} ${success} ${fileSet}
    where destination_id = ${destinationId} and position = ${from} and ${leaseHeld(lease, now)}`);
  return result.rowsAffected === 1;
}

/**
 * Records a failed attempt: one more attempt, the next one due at
 * `nextAttemptAt`, the error, and since when it has been failing (kept from
 * the first failure of the run). Answers the updated row, or undefined when
 * the lease was lost.
 */
export async function recordFailure(
  tx: Tx,
  update: { destinationId: string; lease: HeldLease; now: number; error: string; nextAttemptAt: number },
): Promise<DeliveryRow | undefined> {
  const { destinationId, lease, now, error, nextAttemptAt } = update;
  const result = await tx.run(sql`
    update stream_deliveries set attempts = attempts + 1, next_attempt_at = ${nextAttemptAt}, last_error_at = ${now},
      last_error = ${error}, failing_since = coalesce(failing_since, ${now})
    where destination_id = ${destinationId} and ${leaseHeld(lease, now)}`);
  return result.rowsAffected === 1 ? readDelivery(tx, destinationId) : undefined;
}

/** A resumed destination starts afresh from its stored position: no attempts counted, nothing scheduled, not failing. */
export async function resetFailures(tx: Tx, destinationId: string): Promise<void> {
  await tx.run(sql`update stream_deliveries set attempts = 0, next_attempt_at = null, failing_since = null where destination_id = ${destinationId}`);
}
