import type { AppDeps } from '../../deps';
import type { Backoff } from './backoff';
import { type DeliveryRow, type HeldLease, readDelivery, recordDelivered, recordFailure } from './delivery-store';
import type { DestinationRow } from './destination-entity';
import { appendToFile, folderOf } from './file-sink';
import { filtersOf } from './filter';
import { pauseAfterFailing } from './pause-after-failing';
import { type Batch, readBatch } from './read-batch';
import { batchBody, DeliveryFailure, eventsWithinLimit, postBatch } from './webhook-sink';

export type DeliveryDeps = Pick<AppDeps, 'db' | 'writes' | 'now' | 'newId' | 'log'>;

export interface DeliveryOptions {
  /** AUDITDESK_STREAM_ROOT: JSON Lines destinations write under `<root>/<workspace id>/<directory>/`. */
  root: string;
  backoff: Backoff;
  webhookTimeoutMs: number;
}

/**
 * What one step did: `idle` nothing was due or waiting; `more` something
 * was delivered (or skipped as not matching) and more may wait; `failed`
 * the attempt failed and was recorded; `lost` another process holds the
 * destination now, so this one stops.
 */
export type StepOutcome = 'idle' | 'more' | 'failed' | 'lost';

/**
 * One step of a destination's delivery: the next batch after its stored
 * position, sent or written, and the position moved only once the receiver
 * confirmed it (a 2xx, or the lines fsynced). In order and at least once:
 * a batch whose confirmation is not recorded is sent again from the same
 * position. Called only while holding the destination's lease.
 */
export async function deliverStep(deps: DeliveryDeps, options: DeliveryOptions, destination: DestinationRow, lease: HeldLease): Promise<StepOutcome> {
  const delivery = await readDelivery(deps.db.reader, destination.id);
  if (!delivery) return 'idle';
  if (delivery.nextAttemptAt !== null && delivery.nextAttemptAt > deps.now().getTime()) return 'idle';
  const from = delivery.position;
  const batch = await readBatch(deps.db.reader, destination.orgId, filtersOf(destination.filter), from);
  if (batch.events.length === 0) {
    if (batch.nextPosition === from) return 'idle';
    // Nothing in this stretch of the log matches: only the position moves.
    const moved = await deps.writes.run((tx) =>
      recordDelivered(tx, { destinationId: destination.id, lease, from, to: batch.nextPosition, count: 0, now: deps.now().getTime() }),
    );
    return moved ? 'more' : 'lost';
  }

  let confirmed: Awaited<ReturnType<typeof send>>;
  try {
    confirmed = await send(deps, options, destination, delivery, batch);
  } catch (error) {
    await recordFailed(deps, options, destination, lease, delivery.attempts, describeFailure(error));
    return 'failed';
  }
  const moved = await deps.writes.run((tx) =>
    recordDelivered(tx, { destinationId: destination.id, lease, from, ...confirmed, now: deps.now().getTime() }),
  );
  return moved ? 'more' : 'lost';
}

async function send(
  deps: DeliveryDeps,
  options: DeliveryOptions,
  destination: DestinationRow,
  delivery: DeliveryRow,
  batch: Batch,
) {
  if (destination.kind === 'webhook') {
    const jsons = batch.events.map((event) => event.json);
    const count = eventsWithinLimit(jsons);
    const body = batchBody(destination.id, jsons.slice(0, count));
    await postBatch({ destinationId: destination.id, url: destination.url!, secret: destination.secret! }, body, deps.now(), options.webhookTimeoutMs);
    // Events past the size limit go in the next batch.
    return { to: count === batch.events.length ? batch.nextPosition : batch.events[count - 1]!.seq, count };
  }
  const target = { folder: folderOf(options.root, destination.orgId, destination.directory!), rotateBytes: destination.rotateBytes!, rotateMinutes: destination.rotateMinutes! };
  const confirmedFile = delivery.fileName === null ? null : { fileName: delivery.fileName, fileStartedAt: delivery.fileStartedAt!, fileBytes: delivery.fileBytes! };
  const { written, state } = await appendToFile(target, confirmedFile, batch.events, deps.now().getTime());
  // Rotation mid-batch: the lines in this file are recorded first, the rest go to the next file in the next step.
  const to = written === batch.events.length ? batch.nextPosition : batch.events[written - 1]!.seq;
  return { to, count: written, file: state };
}

function describeFailure(error: unknown): string {
  if (error instanceof DeliveryFailure) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  return (code ? `${code}: ${message}` : message).slice(0, 200);
}

/** Counts the failure, schedules the next attempt with backoff, and pauses the destination once it has failed for its pauseAfterMinutes. */
async function recordFailed(deps: DeliveryDeps, options: DeliveryOptions, destination: DestinationRow, lease: HeldLease, attemptsBefore: number, error: string) {
  const now = deps.now().getTime();
  const nextAttemptAt = now + options.backoff(attemptsBefore + 1);
  deps.log.warn('stream delivery failed', { destinationId: destination.id, error, attempts: attemptsBefore + 1 });
  await deps.writes.run(async (tx) => {
    const row = await recordFailure(tx, { destinationId: destination.id, lease, now, error, nextAttemptAt });
    if (!row?.failingSince) return;
    const failingFor = now - row.failingSince;
    if (failingFor >= destination.pauseAfterMinutes * 60_000) await pauseAfterFailing(tx, deps, destination, failingFor, error);
  });
}
