/** How long to wait before the next attempt, given the failed attempts so far (1 after the first failure). */
export type Backoff = (attempts: number) => number;

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/**
 * Exponential backoff with full jitter: a random wait between 0 and
 * min(cap, base · 2^(attempts−1)). The randomness spreads the retries of
 * many destinations failing at once (a receiver coming back up) instead of
 * sending them all at the same instant.
 */
export function fullJitterBackoff(options: { baseMs?: number; capMs?: number; random?: () => number } = {}): Backoff {
  const { baseMs = BACKOFF_BASE_MS, capMs = BACKOFF_CAP_MS, random = Math.random } = options;
  return (attempts) => Math.floor(random() * Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1)));
}
