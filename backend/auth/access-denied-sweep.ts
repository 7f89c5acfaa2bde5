import type { AppDeps } from '../deps';
import type { Logger } from '../logger';
import { sweepClosedWindows } from './access-denied-windows';

/** A window's summary is written at most this long after it closes when no further refusal closes it first. */
const ACCESS_DENIED_SWEEP_INTERVAL_MS = 60_000;

/**
 * Summarizes closed access_denied windows every minute. The timer is unref'd
 * (it never keeps the process alive) and runs never overlap. Several
 * processes may each run one: each window is summarized once (see
 * `sweepClosedWindows`).
 */
export function startAccessDeniedSweep(deps: Pick<AppDeps, 'writes' | 'now' | 'newId'> & { log: Logger }, intervalMs = ACCESS_DENIED_SWEEP_INTERVAL_MS) {
  let running: Promise<void> | null = null;
  const tick = () => {
    running ??= sweepClosedWindows(deps)
      .then(() => undefined)
      .catch((error: unknown) => deps.log.warn('access_denied sweep failed', { error: String(error) }))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
