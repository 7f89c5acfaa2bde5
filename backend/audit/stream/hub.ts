import type { WriteQueue } from '../../db/write-queue';

/**
 * The in-process hub of the live stream. It does not carry rows: it counts
 * commits of the write queue and wakes the streams waiting for one, and each
 * stream then reads the rows after its last sent id with its own filters and
 * role (live.ts). Rows therefore always come from the database, so a stream
 * never sends what did not commit, and resuming is the same code as
 * following.
 *
 * It also counts the open streams of each user or API key, to cap them.
 */
export class AuditHub {
  #version = 0;
  readonly #waiters = new Set<() => void>();
  readonly #open = new Map<string, number>();

  constructor(writes: Pick<WriteQueue, 'onCommit'>) {
    writes.onCommit(() => {
      this.#version += 1;
      for (const wake of [...this.#waiters]) wake();
    });
  }

  /** Grows by one at each commit. Read it before a query, then wait for a commit after it. */
  get version(): number {
    return this.#version;
  }

  /**
   * Resolves `true` once a commit after `since` has happened (at once if one
   * already has), `false` after `timeoutMs` or when `signal` aborts.
   */
  waitForCommit(since: number, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
    if (this.#version > since) return Promise.resolve(true);
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (committed: boolean) => {
        clearTimeout(timer);
        this.#waiters.delete(wake);
        signal.removeEventListener('abort', onAbort);
        resolve(committed);
      };
      const wake = () => done(true);
      const onAbort = () => done(false);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.#waiters.add(wake);
      signal.addEventListener('abort', onAbort, { once: true });
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

  /** Streams currently waiting for a commit. */
  get waiting(): number {
    return this.#waiters.size;
  }
}

// One hub per write queue, i.e. per app instance: the hub belongs with the
// queue whose commits it follows, and AppDeps needs no new field.
const hubs = new WeakMap<Pick<WriteQueue, 'onCommit'>, AuditHub>();

export function hubOf(writes: Pick<WriteQueue, 'onCommit'>): AuditHub {
  let hub = hubs.get(writes);
  if (!hub) hubs.set(writes, (hub = new AuditHub(writes)));
  return hub;
}
