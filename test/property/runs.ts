import type { Parameters } from 'fast-check';

/**
 * How many generated cases a property runs. `npm test` runs a few with a
 * fixed seed, so a failure is the same on every machine; `npm run fuzz`
 * sets FUZZ_RUNS for a larger run and a fresh seed (or FUZZ_SEED to replay
 * one that fast-check printed).
 */
export function runs(inTestSuite: number): Parameters<unknown> {
  const fuzzRuns = Number(process.env.FUZZ_RUNS ?? '');
  if (!Number.isInteger(fuzzRuns) || fuzzRuns <= 0) return { numRuns: inTestSuite, seed: 20261202, endOnFailure: true };
  const seed = Number(process.env.FUZZ_SEED ?? '');
  return { numRuns: fuzzRuns, ...(Number.isInteger(seed) && process.env.FUZZ_SEED ? { seed } : {}), verbose: 1 };
}

/** Enough time for the larger runs of `npm run fuzz`. */
export const PROPERTY_TIMEOUT_MS = process.env.FUZZ_RUNS ? 3_600_000 : 60_000;
