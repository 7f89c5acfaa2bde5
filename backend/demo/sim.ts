import { type AuditContext, type RequestSource, withChange } from '../audit/context';
import type { Tx } from '../db/sql';
import type { SimClock } from './clock';
import type { Random } from './random';
import type { Performer } from './world';

/**
 * A simulated process (a conversation's life, an agent's working days): an
 * async generator that does some writes, then yields the simulated time at
 * which it wants to continue.
 */
export type Process = AsyncGenerator<number, void, undefined>;

/** Everything a simulated process needs: randomness, the clock, the open transaction, and a way to start more processes. */
export interface Sim {
  readonly random: Random;
  readonly clock: SimClock;
  /** First and last instant of the simulated window. */
  readonly start: number;
  readonly end: number;
  /** The transaction of the simulated day being written. */
  readonly tx: Tx;
  spawn(at: number, process: Process): void;
  /** A context for one change by `by` at the simulated time (all its rows share one change id). */
  ctx(orgId: string, by: Performer): AuditContext;
}

/** The request facts of a change: people and integrations come with an IP, user agent and request id. */
export function sourceOf(random: Random, by: Performer): RequestSource {
  if (!by.ip) return { requestId: null, ip: null, userAgent: null, apiKeyId: null };
  return { requestId: requestId(random), ip: by.ip, userAgent: by.userAgent, apiKeyId: null };
}

export function contextFor(sim: Pick<Sim, 'random' | 'clock'>, orgId: string, by: Performer): AuditContext {
  return withChange({
    orgId,
    actor: by.actor,
    source: sourceOf(sim.random, by),
    now: sim.clock.now,
    newId: sim.clock.newId,
  });
}

/** A UUID-shaped request id like hono's, drawn from the seeded generator. */
function requestId(random: Random): string {
  let hex = '';
  for (let i = 0; i < 32; i++) hex += Math.floor(random.next() * 16).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}
