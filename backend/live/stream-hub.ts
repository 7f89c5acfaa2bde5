/** What a live stream waits on: a count of changes, and a way to wait for the next one. */
export interface ChangeSignal {
  /** Grows when something may have changed. Read it before a query, then wait for a change after it. */
  readonly version: number;
  /**
   * Resolves `true` once a change after `since` has happened (at once if one
   * already has), `false` after `timeoutMs` or when `signal` aborts.
   */
  waitForCommit(since: number, timeoutMs: number, signal: AbortSignal): Promise<boolean>;
}

/**
 * The in-process side of a kind of live stream. It does not carry rows: it
 * counts changes and wakes the streams waiting for one, and each stream then
 * reads what it has not sent from the database (live-stream.ts). Rows
 * therefore always come from the database, so a stream never sends what did
 * not commit, and resuming is the same code as following.
 *
 * Changes are counted per key (a workspace, a person: whose rows a stream
 * reads), so a change wakes only the streams that could have something new
 * to send, however many workspaces the process serves.
 *
 * It also counts the open streams of each holder (a user or an API key), to
 * cap them. Those counts are per process: a person connected to two
 * processes has a cap in each.
 */
export class StreamHub {
  /** The change count of each key seen; kept, so a stream between a read and its wait misses nothing. */
  readonly #versions = new Map<string, number>();
  readonly #waiters = new Map<string, Set<() => void>>();
  #waiting = 0;
  readonly #open = new Map<string, number>();

  /** The change signal of `key`'s streams. */
  signalOf(key: string): ChangeSignal {
    const hub = this;
    return {
      get version() {
        return hub.#versions.get(key) ?? 0;
      },
      waitForCommit: (since, timeoutMs, signal) => this.#waitFor(key, since, timeoutMs, signal),
    };
  }

  /** Records a change of each key and wakes the streams waiting on them. */
  protected changed(keys: Iterable<string>): void {
    for (const key of keys) {
      this.#versions.set(key, (this.#versions.get(key) ?? 0) + 1);
      const waiters = this.#waiters.get(key);
      if (waiters) for (const wake of [...waiters]) wake();
    }
  }

  /** The keys some stream waits on now. */
  protected waitingKeys(): string[] {
    return [...this.#waiters.keys()];
  }

  /** Called when a stream starts waiting (a hub that polls starts polling then). */
  protected waitStarted(): void {}

  #waitFor(key: string, since: number, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
    if ((this.#versions.get(key) ?? 0) > since) return Promise.resolve(true);
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (changed: boolean) => {
        clearTimeout(timer);
        const waiters = this.#waiters.get(key);
        if (waiters?.delete(wake)) {
          this.#waiting -= 1;
          if (waiters.size === 0) this.#waiters.delete(key);
        }
        signal.removeEventListener('abort', onAbort);
        resolve(changed);
      };
      const wake = () => done(true);
      const onAbort = () => done(false);
      const timer = setTimeout(() => done(false), timeoutMs);
      let waiters = this.#waiters.get(key);
      if (!waiters) this.#waiters.set(key, (waiters = new Set()));
      waiters.add(wake);
      this.#waiting += 1;
      signal.addEventListener('abort', onAbort, { once: true });
      this.waitStarted();
    });
  }

  /** Takes one of `max` stream slots of `holder`; false when all are taken. */
  tryOpen(holder: string, max: number): boolean {
    const open = this.#open.get(holder) ?? 0;
    if (open >= max) return false;
    this.#open.set(holder, open + 1);
    return true;
  }

  release(holder: string): void {
    const open = (this.#open.get(holder) ?? 0) - 1;
    if (open > 0) this.#open.set(holder, open);
    else this.#open.delete(holder);
  }

  /** How many streams `holder` has open (tests check that disconnects are cleaned up). */
  openStreams(holder: string): number {
    return this.#open.get(holder) ?? 0;
  }

  /** Streams currently waiting for a change. */
  get waiting(): number {
    return this.#waiting;
  }
}
