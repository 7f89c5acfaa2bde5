import type { Logger } from '../../logger';
import { periodicJob, type PeriodicJob } from '../../schedule/every';
import { type SignDeps, signCheckpointNow } from '../checkpoints/sign';
import { type PurgeDeps, purgeExpiredAudit } from './purge';

export const PURGE_INTERVAL_MS = 60 * 60 * 1000;

export type RetentionScheduleDeps = PurgeDeps & SignDeps & { log: Logger };

/**
 * Purges expired audit rows every hour, in one process of those sharing the
 * database (backend/schedule/every.ts). A workspace that lost rows gets a
 * checkpoint (reason `purge`) at once: it signs the head that follows the
 * run's `purged` event, and with it the anchor the remaining log verifies
 * from.
 */
export function retentionPurgeJob(deps: RetentionScheduleDeps, options: { intervalMs?: number; batchSize?: number } = {}): PeriodicJob {
  return periodicJob(deps, {
    name: 'retention-purge',
    intervalMs: options.intervalMs ?? PURGE_INTERVAL_MS,
    run: async () => {
      const reports = await purgeExpiredAudit(deps, options.batchSize ? { batchSize: options.batchSize } : {});
      for (const r of reports) {
        deps.log.info('audit retention purge', { orgId: r.orgId, count: r.count, cutoff: r.cutoff });
        // If it cannot be signed now (logged), the next scheduled checkpoint covers the purge.
        await signCheckpointNow(deps, r.orgId, 'purge').catch((error: unknown) =>
          deps.log.error('purge checkpoint failed', { orgId: r.orgId, error: String(error) }),
        );
      }
    },
  });
}

/** The purge job, started: it polls at once, and purges then unless some process did within the interval. */
export function startRetentionPurge(deps: RetentionScheduleDeps, options: { intervalMs?: number; batchSize?: number } = {}): PeriodicJob {
  const job = retentionPurgeJob(deps, options);
  job.start();
  return job;
}
