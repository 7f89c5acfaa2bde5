import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger';
import { acquireLease, type LeaseDeps, releaseLease } from './lease';

export interface PeriodicJobOptions {
  /** The lease's name: one job, one name, in every process. */
  name: string;
  /** How often the job runs. */
  intervalMs: number;
  run(): Promise<void>;
  /** How often the lease is taken or renewed (default: the interval, at most a minute); it lasts three times as long. */
  pollMs?: number;
}

export interface PeriodicJob {
  /** Checks the lease every poll, running the job at once if due. */
  start(): void;
  /**
   * One poll: takes or renews the lease and, holding it, runs the job if it
   * has not run in this process for an interval (or never since the lease
   * was taken). Resolves when that run, or one already going, is done; true
   * if this poll ran the job.
   */
  tick(): Promise<boolean>;
  /** Stops polling, waits for a run in progress, and gives the lease up so another process takes over at its next poll. */
  stop(): Promise<void>;
}

/**
 * A job that one process of any number sharing the database runs every
 * `intervalMs`: each process polls a lease, and only its holder runs the
 * job. A holder that dies stops renewing; its lease expires after three
 * polls and the next process to poll takes over, running the job at once.
 * When the job last ran is known to its holder only, so a takeover may run
 * it sooner than an interval after the last run: jobs must be safe to
 * repeat. Runs never overlap within a process; the timer is unref'd.
 */
export function periodicJob(deps: LeaseDeps & { log: Logger }, options: PeriodicJobOptions): PeriodicJob {
  const pollMs = options.pollMs ?? Math.min(options.intervalMs, 60_000);
  const leaseMs = 3 * pollMs;
  // Per job rather than per process: two jobs of one name in one process (tests) are two holders.
  const holder = randomUUID();
  let lastRunAt: number | null = null;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const tick = async (): Promise<boolean> => {
    if (stopped) return false;
    let held: boolean;
    try {
      held = await acquireLease(deps, options.name, holder, leaseMs);
    } catch (error) {
      deps.log.warn('schedule lease check failed', { job: options.name, error: String(error) });
      return false;
    }
    if (!held) {
      lastRunAt = null;
      return false;
    }
    if (stopped) return false;
    if (running) {
      await running;
      return false;
    }
    const now = deps.now().getTime();
    if (lastRunAt !== null && now - lastRunAt < options.intervalMs) return false;
    lastRunAt = now;
    running = options
      .run()
      .catch((error: unknown) => deps.log.warn('scheduled job failed', { job: options.name, error: String(error) }))
      .finally(() => {
        running = null;
      });
    await running;
    return true;
  };

  return {
    start() {
      void tick();
      timer = setInterval(() => void tick(), pollMs);
      timer.unref();
    },
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await releaseLease(deps, options.name, holder).catch((error: unknown) =>
        deps.log.warn('schedule lease release failed', { job: options.name, error: String(error) }),
      );
    },
  };
}
