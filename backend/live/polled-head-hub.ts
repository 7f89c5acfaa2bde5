import type { AppDeps } from '../deps';
import { StreamHub } from './stream-hub';

/** How often a head is read while a stream waits: rows another process writes arrive within about this long. */
export const HEAD_POLL_MS = 250;

export type PolledHubDeps = Pick<AppDeps, 'db' | 'writes' | 'log'>;

/**
 * The most of the process's time the looks made after commits may take. A
 * look's cost grows with the keys watched (about 1.5 µs each): under a
 * stream of commits, a look that took L waits 9 L after the last one ended,
 * so 5,000 watched workspaces (7 ms a look) cost a tenth of a core, not all
 * of it, while a few (0.1 ms) are looked at as good as at once.
 */
const COMMIT_LOOK_SHARE = 0.1;

/**
 * A hub of streams whose rows any process may commit. It follows a head per
 * key in the database, a number that grows with every row of that key's
 * streams (one index probe per key, e.g. a workspace's chain head): read for
 * the keys some stream waits on, after each local commit and every `pollMs`
 * while a stream waits, and the streams of a key wake when its head grew.
 * Commits that leave the heads as they were (a session, a lease, another
 * workspace's change) wake nothing. Nothing is polled while no stream
 * waits, and the timer never keeps the process alive.
 */
export abstract class PolledHeadHub extends StreamHub {
  /** The highest head seen so far of each key looked at. */
  readonly #heads = new Map<string, number>();
  #checking: Promise<void> | null = null;
  #checkAgain = false;
  #timer: NodeJS.Timeout | null = null;
  /** When the last look ended and how long it took (performance.now() milliseconds). */
  #lastLook = { endedAt: -Infinity, tookMs: 0 };
  #commitLook: NodeJS.Timeout | null = null;

  constructor(
    protected readonly deps: PolledHubDeps,
    private readonly pollMs = HEAD_POLL_MS,
  ) {
    super();
    deps.writes.onCommit(() => this.#afterCommit());
  }

  /** A look after a local commit: at once, or once the last look's share of time allows (COMMIT_LOOK_SHARE). */
  #afterCommit(): void {
    if (this.waiting === 0 || this.#commitLook) return;
    const { endedAt, tookMs } = this.#lastLook;
    const wait = endedAt + tookMs * (1 / COMMIT_LOOK_SHARE - 1) - performance.now();
    if (wait <= 0) {
      void this.check();
      return;
    }
    this.#commitLook = setTimeout(() => {
      this.#commitLook = null;
      if (this.waiting > 0) void this.check();
    }, wait);
    this.#commitLook.unref();
  }

  /** The heads of `keys` now (a key with no rows yet may be left out); what they mean is the subclass's. */
  protected abstract readHeads(keys: string[]): Promise<Map<string, number>>;

  /** Names the hub in its log lines. */
  protected abstract readonly name: string;

  /**
   * Reads the heads of the keys streams wait on and wakes those whose head
   * moved. A look asked for while one runs is made again after it, since the
   * running read may predate the commit that asked.
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
    const keys = this.waitingKeys();
    if (keys.length === 0) return;
    let heads: Map<string, number>;
    const startedAt = performance.now();
    try {
      heads = await this.readHeads(keys);
    } catch (error) {
      this.deps.log.warn(`reading the ${this.name} heads failed`, { error: String(error) });
      return;
    } finally {
      const endedAt = performance.now();
      this.#lastLook = { endedAt, tookMs: endedAt - startedAt };
    }
    const moved: string[] = [];
    for (const key of keys) {
      const head = heads.get(key) ?? 0;
      const seen = this.#heads.get(key);
      // A key's first look wakes its streams too: one may have read its rows before it.
      if (seen === undefined || head > seen) {
        this.#heads.set(key, head);
        moved.push(key);
      }
    }
    this.changed(moved);
  }
}
