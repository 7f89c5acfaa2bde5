import type { Parameters } from 'fast-check';

/**
 * How many generated cases a property runs. `npm test` runs a few with a
 * fixed seed, so a failure is the same on every machine and ends at once
 * (no shrinking to eat the suite's time); `npm run fuzz` sets FUZZ_SCALE to
 * run each property that many times longer with a fresh seed, shrinking
 * failures (FUZZ_SEED replays a seed fast-check printed).
 */
export function runs(inTestSuite: number): Parameters<unknown> {
  const scale = Number(process.env.FUZZ_SCALE ?? '');
  if (!Number.isInteger(scale) || scale <= 0) return { numRuns: inTestSuite, seed: 20261202, endOnFailure: true };
  const seed = Number(process.env.FUZZ_SEED ?? '');
  return { numRuns: inTestSuite * scale, ...(process.env.FUZZ_SEED && Number.isInteger(seed) ? { seed } : {}) };
}

/** Enough time for the larger runs of `npm run fuzz`. */
export const PROPERTY_TIMEOUT_MS = process.env.FUZZ_SCALE ? 3_600_000 : 60_000;
