import { monotonicFactory, type ULIDFactory } from 'ulidx';
import type { Random } from './random';

export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/**
 * The simulated time of the demo seed, and the ids it hands out. Ids are
 * ULIDs of the simulated time drawn from a seeded generator, so the same seed
 * gives the same ids and they sort like the audit log's (occurred_at, id).
 * The clock never goes back: the timeline runs in chronological order.
 */
export class SimClock {
  #ms: number;
  readonly #ulid: ULIDFactory;

  constructor(startMs: number, random: Random) {
    this.#ms = startMs;
    this.#ulid = monotonicFactory(() => random.next());
  }

  get ms(): number {
    return this.#ms;
  }

  /** Moves the clock forward to `ms` (a time already passed leaves it where it is). */
  set(ms: number): void {
    if (ms > this.#ms) this.#ms = ms;
  }

  readonly now = (): Date => new Date(this.#ms);
  readonly newId = (): string => this.#ulid(this.#ms);
}
