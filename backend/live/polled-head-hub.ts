import type { AppDeps } from '../deps';
import { StreamHub } from './stream-hub';

/** How often a head is read while a stream waits: rows another process writes arrive within about this long. */
export const HEAD_POLL_MS = 250;

export type PolledHubDeps = Pick<AppDeps, 'db' | 'writes' | 'log'>;

/**
 * A hub of streams whose rows any process may commit. It follows a head in
 * the database, a number that grows with every row the streams read (one
 * cheap probe, e.g. the max of a primary key): read after each local commit,
 * and every `pollMs` while some stream waits, and the streams wake when it
 * grew. Commits that leave the head as it was (a session, a lease) wake
 * nothing. Nothing is polled while no stream waits, and the timer never
 * keeps the process alive.
 */
export abstract class PolledHeadHub extends StreamHub {
  /** The highest head seen so far; null before the first look. */
  #head: number | null = null;
  #checking: Promise<void> | null = null;
  #checkAgain = false;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    protected readonly deps: PolledHubDeps,
    private readonly pollMs = HEAD_POLL_MS,
  ) {
    super();
    deps.writes.onCommit(() => {
      if (this.waiting > 0) void this.check();
    });
  }

  /** The head now; what it means is the subclass's. */
  protected abstract readHead(): Promise<number>;

  /** Names the hub in its log lines. */
  protected abstract readonly name: string;

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
      head = await this.readHead();
    } catch (error) {
      this.deps.log.warn(`reading the ${this.name} head failed`, { error: String(error) });
      return;
    }
    // The first look wakes the streams too: one may have read its rows before it.
    if (this.#head === null || head > this.#head) {
      this.#head = head;
      this.changed();
    }
  }
}
