import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger';
import { acquireLease, claimPeriod, type LeaseDeps, releaseLease } from './lease';

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
   * One poll: takes or renews the lease and, holding it, runs the job if no
   * process has run it for an interval. Resolves when that run, or one
   * already going, is done; true if this poll ran the job.
   */
  tick(): Promise<boolean>;
  /** Stops polling, waits for a run in progress, and gives the lease up so another process takes over at its next poll. */
  stop(): Promise<void>;
}

/**
 * A job that one process of any number sharing the database runs every
 * `intervalMs`: each process polls a lease, and only its holder runs the
 * job. A holder that dies stops renewing; its lease expires after three
 * polls and the next process to poll takes over. Each run first claims its
 * period in the database (a second lease, `<name>#period`, that lasts an
 * interval and is never renewed), so a holder that took over, or a restarted
 * process, runs the job when the period its predecessor claimed ends, not at
 * once: once per interval across all processes and restarts. A run cut off
 * by a dying process is therefore not repeated before its period ends.
 * Runs never overlap within a process; the timer is unref'd.
 */
export function periodicJob(deps: LeaseDeps & { log: Logger }, options: PeriodicJobOptions): PeriodicJob {
  const pollMs = options.pollMs ?? Math.min(options.intervalMs, 60_000);
  const leaseMs = 3 * pollMs;
  // Per job rather than per process: two jobs of one name in one process (tests) are two holders.
  const holder = randomUUID();
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
    if (!held || stopped) return false;
    if (running) {
      await running;
      return false;
    }
    let due: boolean;
    try {
      due = await claimPeriod(deps, `${options.name}#period`, holder, options.intervalMs);
    } catch (error) {
      deps.log.warn('schedule period claim failed', { job: options.name, error: String(error) });
      return false;
    }
    // Runs never overlap: should another poll have started one while this one claimed (an interval shorter than a round trip), this period is skipped.
    if (!due || stopped || running) return false;
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
