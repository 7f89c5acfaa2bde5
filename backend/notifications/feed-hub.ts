import { sql } from 'drizzle-orm';
import { runSql } from '../db/sql';
import type { AppDeps } from '../deps';
import { StreamHub } from '../live/stream-hub';

/** How often the feed's head is read while a stream waits: rows another process writes arrive within about this long. */
export const FEED_POLL_MS = 250;

type HubDeps = Pick<AppDeps, 'db' | 'writes' | 'log'>;

/**
 * The hub of the notification streams. Notifications are raised by whichever
 * process commits the matching change, so this process's commits are not
 * all there is to follow: the hub reads the feed's head (`max(seq)`, one
 * probe of the primary key) after each local commit, and every
 * `FEED_POLL_MS` while some stream waits, and wakes the streams when it grew.
 * Nothing is polled while no stream waits, and the timer never keeps the
 * process alive.
 */
export class NotificationFeedHub extends StreamHub {
  /** The highest seq seen so far; null before the first look. */
  #head: number | null = null;
  #checking: Promise<void> | null = null;
  #checkAgain = false;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: HubDeps,
    private readonly pollMs = FEED_POLL_MS,
  ) {
    super();
    deps.writes.onCommit(() => {
      if (this.waiting > 0) void this.check();
    });
  }

  /**
   * Reads the head and wakes the streams if it moved. A look asked for while
   * one runs is made again after it, since the running read may predate the
   * commit that asked.
   */
  check(): Promise<void> {
    if (this.#checking) {
      this.#checkAgain = true;
      return this.#checking;
    }
    this.#checking = (async () => {
      do {
        this.#checkAgain = false;
        await this.#look();
      } while (this.#checkAgain);
    })().finally(() => {
      this.#checking = null;
    });
    return this.#checking;
  }

  protected override waitStarted(): void {
    this.#timer ??= setTimeout(() => void this.#tick(), this.pollMs).unref();
  }

  async #tick(): Promise<void> {
    // The last stream may have stopped waiting since the timer was set.
    if (this.waiting > 0) await this.check();
    this.#timer = null;
    if (this.waiting > 0) this.waitStarted();
  }

  async #look(): Promise<void> {
    let head: number;
    try {
      const [row] = await runSql(this.deps.db.reader, sql`select max(seq) as seq from notification_feed`);
      head = Number(row?.seq ?? 0);
    } catch (error) {
      this.deps.log.warn('reading the notification feed head failed', { error: String(error) });
      return;
    }
    // The first look wakes the streams too: one may have read its rows before it.
    if (this.#head === null || head > this.#head) {
      this.#head = head;
      this.changed();
    }
  }
}

// One hub per write queue, i.e. per app instance, like the audit stream's.
const hubs = new WeakMap<HubDeps['writes'], NotificationFeedHub>();

export function notificationHubOf(deps: HubDeps): NotificationFeedHub {
  let hub = hubs.get(deps.writes);
  if (!hub) hubs.set(deps.writes, (hub = new NotificationFeedHub(deps)));
  return hub;
}
