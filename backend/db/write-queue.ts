import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from './client';

export type WriteJob<T> = (tx: Tx) => Promise<T>;

type Pending = {
  resolve(value: unknown): void;
  reject(error: unknown): void;
} & (
  | { kind: 'transaction'; job: WriteJob<unknown> }
  /** Runs on the writer connection with no transaction open (a checkpoint). */
  | { kind: 'maintenance'; run(db: Db): Promise<unknown> }
);
type TransactionJob = Extract<Pending, { kind: 'transaction' }>;

/**
 * Every write in the process goes through one queue. Jobs that arrive while a
 * transaction is committing are committed together in the next one (group
 * commit): one fsync for many changes, so throughput holds up under
 * `synchronous=FULL`. Each job runs inside its own savepoint, so one job's
 * failure rolls back only that job and rejects only its caller.
 *
 * Serializing writes in the application is also what keeps SQLITE_BUSY and
 * TRANSACTION_ACTIVE from ever reaching a request.
 */
export class WriteQueue {
  #pending: Pending[] = [];
  #draining = false;
  #idle: Array<() => void> = [];
  // The transaction a job is running in, so code called from inside a job
  // (lucia's adapter, for one) joins it instead of queueing behind itself.
  readonly #current = new AsyncLocalStorage<Tx>();

  constructor(
    private readonly db: Db,
    private readonly options: { maxBatch?: number; hasWal?: boolean } = {},
  ) {}

  /** Runs `job` in a write transaction; resolves with its result once committed. */
  run<T>(job: WriteJob<T>): Promise<T> {
    return this.#enqueue<T>((resolve, reject) => ({ kind: 'transaction', job, resolve, reject }));
  }

  /** Runs `job` inside the transaction already open in this call chain, or queues it. */
  join<T>(job: WriteJob<T>): Promise<T> {
    const tx = this.#current.getStore();
    return tx ? job(tx) : this.run(job);
  }

  /**
   * Copies the WAL into the database file and empties it, after every write
   * queued before it. Redaction needs this: until a checkpoint, the WAL still
   * holds the pages with the removed text. A no-op where there is no local
   * WAL (in memory; a libSQL server manages its own).
   */
  async checkpoint(): Promise<void> {
    if (!this.options.hasWal) return;
    await this.#enqueue((resolve, reject) => ({
      kind: 'maintenance',
      run: (db) => db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`),
      resolve,
      reject,
    }));
  }

  /** Resolves when every job queued so far has settled. */
  whenIdle(): Promise<void> {
    if (!this.#draining) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #enqueue<T>(make: (resolve: (value: unknown) => void, reject: (error: unknown) => void) => Pending): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#pending.push(make(resolve as (value: unknown) => void, reject));
      if (this.#draining) return;
      this.#draining = true;
      // Start on the next turn of the event loop, so requests parsed in the
      // same I/O phase join the first transaction instead of the second.
      setImmediate(() => void this.#drain());
    });
  }

  async #drain(): Promise<void> {
    while (this.#pending.length > 0) {
      const head = this.#pending[0]!;
      if (head.kind === 'maintenance') {
        this.#pending.shift();
        await head.run(this.db).then(head.resolve, head.reject);
        continue;
      }
      const stop = this.#pending.findIndex((p) => p.kind === 'maintenance');
      const size = Math.min(stop === -1 ? this.#pending.length : stop, this.options.maxBatch ?? 256);
      await this.#commit(this.#pending.splice(0, size) as TransactionJob[]);
    }
    this.#draining = false;
    for (const resolve of this.#idle.splice(0)) resolve();
  }

  async #commit(batch: TransactionJob[]): Promise<void> {
    if (batch.length === 1) {
      const [only] = batch as [TransactionJob];
      try {
        only.resolve(
          await this.db.transaction((tx) => this.#current.run(tx, () => only.job(tx)), { behavior: 'immediate' }),
        );
      } catch (error) {
        only.reject(error);
      }
      return;
    }

    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      await this.db.transaction(
        async (tx) => {
          for (const { job } of batch) {
            try {
              const value = await tx.transaction((sp) => this.#current.run(sp, () => job(sp)));
              outcomes.push({ ok: true, value });
            } catch (error) {
              outcomes.push({ ok: false, error });
            }
          }
        },
        { behavior: 'immediate' },
      );
    } catch (error) {
      // The commit itself failed: nothing in this batch happened.
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
  }
}
