import { randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulidx';
import type { ActorType } from '../../shared/enums';

/** "Performed By": who made a change, with their display name at the time. */
export interface Actor {
  type: ActorType;
  id: string | null;
  name: string;
}

/** Where a change came from, kept on every audit row it produced. */
export interface RequestSource {
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  apiKeyId: string | null;
}

/**
 * Everything the audit engine needs to know about one change besides the
 * change itself. `now` and `newId` are passed in so that tests and the demo
 * seed can move the clock.
 */
export interface AuditContext {
  orgId: string;
  actor: Actor;
  source: RequestSource;
  now(): Date;
  newId(): string;
  /** Set by `withChange` so several operations share one change id. */
  changeId?: string;
}

/**
 * Cryptographic randomness drawn from a pooled buffer: ulidx's default asks
 * the OS once per character, which showed up in write profiles.
 */
function pooledRandom(): () => number {
  const pool = new Uint32Array(1024);
  let next = pool.length;
  return () => {
    if (next === pool.length) {
      randomFillSync(pool);
      next = 0;
    }
    return pool[next++]! / 2 ** 32;
  };
}

/** Sortable unique ids: ULIDs, monotonic within a millisecond. */
export const newUlid: () => string = (() => {
  const next = monotonicFactory(pooledRandom());
  return () => next();
})();

/**
 * ULIDs whose time is `now()`'s, for an app running on a clock of its own
 * (tests, replays): an id's time is when the app made the row, and the
 * stream's health reads it so. A factory of its own, since a shared one
 * stays monotonic across clocks and would carry another clock's time.
 */
export function ulidsAt(now: () => Date): () => string {
  const next = monotonicFactory(pooledRandom());
  return () => next(now().getTime());
}

export const NO_SOURCE: RequestSource = { requestId: null, ip: null, userAgent: null, apiKeyId: null };

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, name: 'System' };

/** A copy of `ctx` whose operations all record the same change id. */
export function withChange(ctx: AuditContext): AuditContext {
  return ctx.changeId ? ctx : { ...ctx, changeId: ctx.newId() };
}
