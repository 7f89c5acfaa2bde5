import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { chainHeadSeqs } from '../../audit/chain/head-seqs';
import { streamDestinations } from '../../db/schema';
import { acquireLease, leaseAvailable, leasesHeldElsewhere, releaseLease } from '../../schedule/lease';
import { type Backoff, fullJitterBackoff } from './backoff';
import { type DeliveryDeps, deliverStep } from './deliver';
import { deliveryPositions, type HeldLease } from './delivery-store';
import type { DestinationRow } from './destination-entity';
import { WEBHOOK_TIMEOUT_MS } from './webhook-sink';

export interface StreamWorkerOptions {
  /** AUDITDESK_STREAM_ROOT. */
  root: string;
  /** AUDITDESK_STREAM_POLL_MS: how often destinations are looked at (default 500 ms); local commits also wake the worker. */
  pollMs?: number;
  backoff?: Backoff;
  webhookTimeoutMs?: number;
  /** How long a destination's lease lasts (default 30 s); it is renewed when less than half is left. */
  leaseTtlMs?: number;
}

export interface StreamWorker {
  /** Polls every pollMs and after each local commit. */
  start(): void;
  /** One pass: every active destination that is due and whose lease this worker holds or takes is delivered until caught up or failing. */
  tick(): Promise<void>;
  /** Stops, waits for deliveries in progress, and gives the leases up so another process takes over at its next poll. */
  stop(): Promise<void>;
}

export const DEFAULT_STREAM_POLL_MS = 500;
const DEFAULT_LEASE_TTL_MS = 30_000;
/**
 * Commits come by the hundred a second under load, and each pass reads the
 * active destinations: after a commit, a pass runs at once unless one ran
 * within this, in which case one runs when it is over.
 */
const COMMIT_PASS_GAP_MS = 100;

/** A pass over every active destination (the timer's), or over those of the workspaces with new audit rows (a commit's). */
type PassScope = 'all' | 'moved';

/**
 * Delivers every workspace's active stream destinations. One worker per
 * process; of the processes sharing a database exactly one delivers a given
 * destination at a time: it holds the destination's lease (`stream:<id>`)
 * in the database. A holder that dies stops renewing, and another process
 * takes over within a lease's length, from the stored position. Leases
 * held by others are checked with a read, so only the holder writes, about
 * twice a lease's length. A delivery never outlasts half a lease (the
 * webhook timeout is shorter), and every position write also checks the
 * lease is still held. Per process: which leases this worker believes it
 * holds, and the wake-up on commits (this process's only: events another
 * process writes are seen at the next poll). A commit's pass looks only at
 * the destinations of workspaces whose chain head moved since the last one,
 * so a busy workspace does not make every destination be read again; a
 * timed pass skips the destinations this worker holds that are caught up.
 */
export function createStreamWorker(deps: DeliveryDeps, options: StreamWorkerOptions): StreamWorker {
  const pollMs = options.pollMs ?? DEFAULT_STREAM_POLL_MS;
  const ttlMs = options.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
  const delivery = {
    root: options.root,
    backoff: options.backoff ?? fullJitterBackoff(),
    webhookTimeoutMs: Math.min(options.webhookTimeoutMs ?? WEBHOOK_TIMEOUT_MS, ttlMs / 2),
  };
  // Per worker rather than per process: two workers in one process (tests) are two holders.
  const holder = randomUUID();
  /** Until when this worker's lease on each destination runs, as far as it knows. */
  const held = new Map<string, number>();
  const inFlight = new Map<string, Promise<void>>();
  /** Destinations asked for while in flight: delivered again when the current run ends. */
  const again = new Set<string>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  let pendingPass: PassScope | undefined;
  /** Each workspace's chain head at the last commit's pass. */
  const headsSeen = new Map<string, number>();
  let lastPassAt = -Infinity;
  let commitPass: NodeJS.Timeout | undefined;

  const leaseName = (id: string) => `stream:${id}`;

  /** `seenFree`: the pass that started this delivery has just read that no other process holds the lease. */
  async function holdLease(id: string, seenFree: boolean): Promise<HeldLease | null> {
    const lease = { name: leaseName(id), holder };
    const now = deps.now().getTime();
    const until = held.get(id);
    if (until !== undefined && until - now > ttlMs / 2) return lease;
    if (!seenFree && !(await leaseAvailable(deps, lease.name, holder))) {
      held.delete(id);
      return null;
    }
    if (!(await acquireLease(deps, lease.name, holder, ttlMs))) {
      held.delete(id);
      return null;
    }
    held.set(id, now + ttlMs);
    return lease;
  }

  /** The destination as it is now, while it is active: a pause, a deletion or a new URL, secret or filter applies from the next batch. */
  async function activeNow(id: string): Promise<DestinationRow | undefined> {
    const [row] = await deps.db.reader
      .select()
      .from(streamDestinations)
      .where(and(eq(streamDestinations.id, id), eq(streamDestinations.status, 'active'), isNull(streamDestinations.deletedAt)));
    return row;
  }

  async function deliver(listed: DestinationRow): Promise<void> {
    for (let first = true; ; first = false) {
      if (stopped) return;
      const destination = first ? listed : await activeNow(listed.id);
      if (!destination) return;
      const lease = await holdLease(destination.id, first);
      if (!lease) return;
      const outcome = await deliverStep(deps, delivery, destination, lease);
      if (outcome === 'lost') held.delete(destination.id);
      if (outcome !== 'more') return;
    }
  }

  function startDelivery(destination: DestinationRow): Promise<void> {
    const running = deliver(destination)
      .catch((error: unknown) => deps.log.warn('stream delivery stopped on an error', { destinationId: destination.id, error: String(error) }))
      .finally(() => {
        inFlight.delete(destination.id);
        if (again.delete(destination.id)) wake();
      });
    inFlight.set(destination.id, running);
    return running;
  }

  async function startDue(scope: PassScope): Promise<Promise<void>[]> {
    lastPassAt = performance.now();
    const active = await deps.db.reader
      .select()
      .from(streamDestinations)
      .where(and(eq(streamDestinations.status, 'active'), isNull(streamDestinations.deletedAt)));
    const due = scope === 'all' ? await withoutCaughtUp(active) : await withNewEvents(active);
    // Destinations another process delivers are skipped with one read for all, not one each.
    const elsewhere = await leasesHeldElsewhere(deps, due.map((destination) => leaseName(destination.id)), holder);
    const started: Promise<void>[] = [];
    for (const destination of due) {
      if (stopped) break;
      if (elsewhere.has(leaseName(destination.id))) {
        held.delete(destination.id);
        continue;
      }
      if (inFlight.has(destination.id)) again.add(destination.id);
      else started.push(startDelivery(destination));
    }
    return started;
  }

  /** The destinations of the workspaces whose chain head moved since the last commit's pass (or that it had not seen). */
  async function withNewEvents(active: DestinationRow[]): Promise<DestinationRow[]> {
    const orgIds = new Set(active.map((destination) => destination.orgId));
    const heads = await chainHeadSeqs(deps.db.reader, [...orgIds]);
    // Workspaces with no active destination any more are forgotten.
    for (const orgId of headsSeen.keys()) if (!orgIds.has(orgId)) headsSeen.delete(orgId);
    const moved = new Set<string>();
    for (const orgId of orgIds) {
      const head = heads.get(orgId) ?? 0;
      if (headsSeen.get(orgId) !== head) moved.add(orgId);
      headsSeen.set(orgId, head);
    }
    return active.filter((destination) => moved.has(destination.orgId));
  }

  /**
   * The timed pass's destinations, less those with nothing to do: held by
   * this worker on a lease not yet due for renewal, and delivered up to their
   * workspace's chain head. Two reads for all of them, where delivering each
   * would read its delivery row and its head. A head read before a commit
   * only makes that commit's events wait for the next pass.
   */
  async function withoutCaughtUp(active: DestinationRow[]): Promise<DestinationRow[]> {
    const now = deps.now().getTime();
    const quiet = active.filter((destination) => (held.get(destination.id) ?? -Infinity) - now > ttlMs / 2);
    if (quiet.length === 0) return active;
    const [positions, heads] = await Promise.all([
      deliveryPositions(deps.db.reader, quiet.map((destination) => destination.id)),
      chainHeadSeqs(deps.db.reader, [...new Set(quiet.map((destination) => destination.orgId))]),
    ]);
    const caughtUp = new Set(
      quiet.filter((d) => positions.has(d.id) && positions.get(d.id)! >= (heads.get(d.orgId) ?? 0)).map((d) => d.id),
    );
    return active.filter((destination) => !caughtUp.has(destination.id));
  }

  async function tick(): Promise<void> {
    if (stopped) return;
    await Promise.all(await startDue('all'));
  }

  /** A pass soon, without waiting for deliveries: at most one pending at a time however many ask (a full one if any asked for it). */
  function wake(scope: PassScope = 'all'): void {
    if (stopped) return;
    if (pendingPass) {
      if (scope === 'all') pendingPass = 'all';
      return;
    }
    pendingPass = scope;
    setImmediate(() => {
      const pass = pendingPass ?? 'all';
      pendingPass = undefined;
      startDue(pass).catch((error: unknown) => deps.log.warn('stream worker pass failed', { error: String(error) }));
    });
  }

  /** After a local commit: a pass now, or at the end of the gap since the last one. */
  function wakeAfterCommit(): void {
    if (stopped || commitPass) return;
    const wait = lastPassAt + COMMIT_PASS_GAP_MS - performance.now();
    if (wait <= 0) return wake('moved');
    commitPass = setTimeout(() => {
      commitPass = undefined;
      wake('moved');
    }, wait);
    commitPass.unref();
  }

  return {
    start() {
      wake();
      timer = setInterval(() => wake(), pollMs);
      timer.unref();
      // New events of this process are delivered within COMMIT_PASS_GAP_MS rather than at the next poll.
      unsubscribe = deps.writes.onCommit(wakeAfterCommit);
    },
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(commitPass);
      unsubscribe?.();
      await Promise.all([...inFlight.values()]);
      await Promise.all(
        [...held.keys()].map((id) =>
          releaseLease(deps, leaseName(id), holder).catch((error: unknown) => deps.log.warn('stream lease release failed', { destinationId: id, error: String(error) })),
        ),
      );
      held.clear();
    },
  };
}
