import { setImmediate as yieldToOthers } from 'node:timers/promises';
import type { Logger } from '../logger';
import { periodicJob, type PeriodicJob } from '../schedule/every';
import type { LeaseDeps } from '../schedule/lease';
import type { Tx } from '../db/sql';
import { deleteReceiptsBefore } from './helpdesk/activity-store';
import { deleteAnswersBefore } from './idempotency-store';

/**
 * Answers to Idempotency-Keys, and the receipts of helpdesk webhook
 * deliveries, are kept this long: a client or helpdesk may retry for at
 * least a day (the prune runs hourly, so they live 48–49 hours).
 */
export const IDEMPOTENCY_KEEP_MS = 48 * 60 * 60_000;
export const IDEMPOTENCY_PRUNE_INTERVAL_MS = 60 * 60_000;
/** Rows per write transaction: small enough that a batch never holds other writers up noticeably. */
const BATCH = 1_000;

export type IdempotencyPruneDeps = LeaseDeps & { log: Logger };

/** Deletes every answer older than IDEMPOTENCY_KEEP_MS, in batches; answers how many. Safe to repeat. */
export function pruneIdempotencyKeys(deps: IdempotencyPruneDeps): Promise<number> {
  return pruneInBatches(deps, deleteAnswersBefore);
}

/** Deletes every helpdesk delivery receipt older than IDEMPOTENCY_KEEP_MS, in batches; answers how many. Safe to repeat. */
export function pruneWebhookReceipts(deps: IdempotencyPruneDeps): Promise<number> {
  return pruneInBatches(deps, deleteReceiptsBefore);
}

async function pruneInBatches(deps: IdempotencyPruneDeps, deleteBefore: (tx: Tx, cutoff: Date, limit: number) => Promise<number>): Promise<number> {
  const cutoff = new Date(deps.now().getTime() - IDEMPOTENCY_KEEP_MS);
  let total = 0;
  for (;;) {
    const deleted = await deps.writes.run((tx) => deleteBefore(tx, cutoff, BATCH));
    total += deleted;
    if (deleted < BATCH) return total;
    // Let queued requests and their writes run between batches.
    await yieldToOthers();
  }
}

/** The hourly prune of both, run by one process of those sharing the database (it holds the lease). */
export function idempotencyPruneJob(deps: IdempotencyPruneDeps, options: { intervalMs?: number } = {}): PeriodicJob {
  return periodicJob(deps, {
    name: 'idempotency-prune',
    intervalMs: options.intervalMs ?? IDEMPOTENCY_PRUNE_INTERVAL_MS,
    run: async () => {
      const deleted = await pruneIdempotencyKeys(deps);
      if (deleted > 0) deps.log.info('idempotency keys pruned', { deleted });
      const receipts = await pruneWebhookReceipts(deps);
      if (receipts > 0) deps.log.info('helpdesk webhook receipts pruned', { deleted: receipts });
    },
  });
}
