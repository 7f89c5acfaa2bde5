import { ApiClientError, type NotificationStreamFrame, type UnreadCount } from '../../../shared/api-client';
import type { StoredSession } from '../session/session-items';
import { hasGrown, planCatchUp } from './catch-up';
import type { NotificationSurface } from './notification-surface';
import { type FollowerKey, followerKeyOf, type PositionStore } from './position-store';

export interface FollowerDeps {
  currentSession(): Promise<StoredSession | null>;
  /** GET /notifications/unread-count: the badge's number and the stream's head. */
  unreadCount(session: StoredSession, signal: AbortSignal): Promise<UnreadCount>;
  /** Opens the person's stream after `after`; resolves once accepted, rejects with ApiClientError (a 401 among them). */
  openStream(session: StoredSession, after: number, signal: AbortSignal): Promise<AsyncIterable<NotificationStreamFrame>>;
  /** The backend refused the session: drop it (everything shows signed out). */
  sessionRejected(session: StoredSession): Promise<void>;
  positions: PositionStore;
  surface: NotificationSurface;
  reconnectDelayMs(attempt: number): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Keeps the service worker running while the stream is followed (Chrome stops an idle one, open fetch or not). */
  keepAlive: { start(): void; stop(): void };
  /** How long a replay may take before what it brought is shown anyway (default 2 s). */
  catchUpWaitMs?: number;
}

/**
 * The background's follower of the signed-in person's notification stream.
 * It starts where it last stopped (its position, kept per person in
 * storage.local), so a stopped worker or a closed browser loses nothing and
 * repeats nothing: what arrived meanwhile comes as one replay, shown as a
 * few notifications and a summary. After a drop it reconnects with a
 * growing delay. The toolbar badge follows every entry. Signed out, it
 * clears the badge and the screen and ends; `start()` again (a session
 * change, an alarm, the worker starting) picks up.
 */
export class NotificationFollower {
  private running = false;
  private attempt = new AbortController();
  private shownFor: FollowerKey | null = null;
  /** Failed connections in a row: the reconnect delay grows with them. */
  private failures = 0;
  /** Entries are handled one at a time, in order, whether they come from the stream or the replay's deadline. */
  private work: Promise<void> = Promise.resolve();

  constructor(private readonly deps: FollowerDeps) {}

  /** Follows the stream unless it already does (idempotent: alarms and start-up events call it freely). */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.run()
      .catch((error: unknown) => console.error('[auditdesk] notification follower stopped', error))
      .finally(() => {
        this.running = false;
        this.deps.keepAlive.stop();
      });
  }

  /** Signed in, out, or as someone else: reconnect now with what is stored. */
  sessionChanged(): void {
    this.attempt.abort();
    this.start();
  }

  /** Notifications were marked read from the popup: the badge shows the new count (null: ask the backend). */
  async unreadChanged(unread: number | null): Promise<void> {
    const session = await this.deps.currentSession();
    if (!session) return;
    const count = unread ?? (await this.deps.unreadCount(session, new AbortController().signal).catch(() => null))?.count;
    if (count !== undefined && count !== null) await this.deps.surface.setBadge(count);
  }

  get isRunning(): boolean {
    return this.running;
  }

  private async run(): Promise<void> {
    for (;;) {
      this.attempt = new AbortController();
      const signal = this.attempt.signal;
      const session = await this.deps.currentSession();
      if (!session) return this.signedOut();
      const key = followerKeyOf(session);
      if (this.shownFor !== key) {
        // Someone else signed in here: what the last person was shown is theirs.
        if (this.shownFor !== null) await this.deps.surface.close(null);
        this.shownFor = key;
      }
      this.deps.keepAlive.start();
      try {
        await this.follow(session, key, signal);
      } catch (error) {
        if (signal.aborted) continue;
        if (error instanceof ApiClientError && error.unauthenticated) {
          await this.deps.sessionRejected(session);
          continue;
        }
      }
      if (signal.aborted) continue;
      // The connection dropped or the backend ended it: wait, then resume after the last entry handled.
      await this.deps.sleep(this.deps.reconnectDelayMs(this.failures++), signal);
    }
  }

  private async follow(session: StoredSession, key: FollowerKey, signal: AbortSignal): Promise<void> {
    const { count, position: head } = await this.deps.unreadCount(session, signal);
    await this.deps.surface.setBadge(count);
    let after = await this.deps.positions.read(key);
    // First time for this person (or a backend that was reset): from now on, not their whole past.
    if (after === null || after > head) {
      after = head;
      await this.deps.positions.save(key, head);
    }
    const frames = await this.deps.openStream(session, after, signal);
    this.failures = 0;
    const replay = new Replay(this.deps, key, after < head ? head : null);
    const deadline = replay.pending ? setTimeout(() => void this.serially(() => replay.flush()), this.deps.catchUpWaitMs ?? 2_000) : null;
    try {
      for await (const frame of frames) {
        if (frame.seq <= after) continue;
        after = frame.seq;
        await this.serially(() => replay.take(frame));
      }
    } finally {
      if (deadline) clearTimeout(deadline);
    }
  }

  private serially(task: () => Promise<void>): Promise<void> {
    const next = this.work.then(task);
    this.work = next.catch(() => undefined);
    return next;
  }

  private async signedOut(): Promise<void> {
    this.deps.keepAlive.stop();
    await this.deps.surface.setBadge(null);
    await this.deps.surface.close(null);
    this.shownFor = null;
  }
}

/**
 * One connection's entries. Those up to the head known when it opened are
 * the replay of what happened while nobody followed: gathered, then shown
 * together (a few, and a summary). Entries after that are shown as they come.
 */
class Replay {
  private gathered: NotificationStreamFrame[] = [];

  constructor(
    private readonly deps: Pick<FollowerDeps, 'surface' | 'positions'>,
    private readonly key: FollowerKey,
    /** The head to replay up to; null when there is nothing to catch up on, or once caught up. */
    private head: number | null,
  ) {}

  get pending(): boolean {
    return this.head !== null;
  }

  async take(frame: NotificationStreamFrame): Promise<void> {
    await this.deps.surface.setBadge(frame.unreadCount);
    if (this.head !== null) {
      this.gathered.push(frame);
      if (frame.seq >= this.head) await this.flush();
      return;
    }
    if (frame.kind === 'notification') await this.deps.surface.show(frame.notification, { quiet: hasGrown(frame.notification) });
    else await this.deps.surface.close(frame.ids);
    await this.deps.positions.save(this.key, frame.seq);
  }

  /** Shows what the replay brought (also when it is cut short by the deadline): the newest few, the rest summed up. */
  async flush(): Promise<void> {
    if (this.head === null) return;
    this.head = null;
    const frames = this.gathered;
    this.gathered = [];
    const last = frames.at(-1);
    if (!last) return;
    // Read meanwhile (in another browser, or read-all): not worth a notification any more.
    const unread = frames.flatMap((frame, index) => {
      if (frame.kind !== 'notification') return [];
      const readLater = frames.slice(index + 1).some((later) => later.kind === 'read' && (later.ids === null || later.ids.includes(frame.notification.id)));
      return readLater ? [] : [frame.notification];
    });
    const plan = planCatchUp(unread);
    for (const notification of plan.show.slice().reverse()) await this.deps.surface.show(notification, { quiet: hasGrown(notification) });
    if (plan.more > 0) await this.deps.surface.showMore(plan.more);
    await this.deps.positions.save(this.key, last.seq);
  }
}
