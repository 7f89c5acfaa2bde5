import type { Logger } from '../../logger';
import { type PurgeDeps, purgeExpiredAudit } from './purge';

export const PURGE_INTERVAL_MS = 60 * 60 * 1000;

export interface PurgeScheduler {
  /** Runs a purge now unless one is running; resolves when it is done. */
  runNow(): Promise<void>;
  stop(): void;
}

/**
 * Purges expired audit rows at start and then every hour. The timer is
 * unref'd (it never keeps the process alive) and runs never overlap: a tick
 * that finds the previous run still going is skipped. The clock is the
 * deps' `now`, so tests move time instead of waiting for it.
 */
export function startRetentionPurge(
  deps: PurgeDeps & { log: Logger },
  options: { intervalMs?: number; batchSize?: number } = {},
): PurgeScheduler {
  let running: Promise<void> | null = null;
  const runNow = () => {
    running ??= purgeExpiredAudit(deps, options.batchSize ? { batchSize: options.batchSize } : {})
      .then((reports) => {
        for (const r of reports) deps.log.info('audit retention purge', { orgId: r.orgId, count: r.count, cutoff: r.cutoff });
      })
      .catch((error: unknown) => deps.log.warn('audit retention purge failed', { error: String(error) }))
      .finally(() => {
        running = null;
      });
    return running;
  };
  void runNow();
  const timer = setInterval(() => void runNow(), options.intervalMs ?? PURGE_INTERVAL_MS);
  timer.unref();
  return { runNow, stop: () => clearInterval(timer) };
}
