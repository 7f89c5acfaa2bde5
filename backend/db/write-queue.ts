import type { Client, Transaction } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { CarriedStatements } from './carried-statements';
import { type Tx, transactionOver } from './sql';

export type WriteJob<T> = (tx: Tx) => Promise<T>;

type Pending = {
  resolve(value: unknown): void;
  reject(error: unknown): void;
} & (
  | { kind: 'transaction'; job: WriteJob<unknown> }
  /** Runs on the writer connection with no transaction open (a checkpoint). */
  | { kind: 'maintenance'; run(client: Client): Promise<unknown> }
);
type TransactionJob = Extract<Pending, { kind: 'transaction' }>;
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Every write in the process goes through one queue. Jobs that arrive while a
 * transaction is committing are committed together in the next one (group
 * commit): one fsync for many changes, so throughput holds up under
 * `synchronous=FULL`. Each job of a group runs inside its own savepoint, so
 * one job's failure rolls back only that job and rejects only its caller.
 *
 * Serializing writes in the application is also what keeps SQLITE_BUSY and
 * TRANSACTION_ACTIVE from ever reaching a request.
 */
export class WriteQueue {
  #pending: Pending[] = [];
  #draining = false;
  #idle: Array<() => void> = [];
  #commitListeners = new Set<() => void>();
  #failureListeners = new Set<(error: unknown) => void>();

  constructor(
    private readonly client: Client,
    private readonly options: { maxBatch?: number; hasWal?: boolean } = {},
  ) {}

  /** Runs `job` in a write transaction; resolves with its result once committed. */
  run<T>(job: WriteJob<T>): Promise<T> {
    return this.#enqueue<T>((resolve, reject) => ({ kind: 'transaction', job, resolve, reject }));
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
      run: (client) => client.execute('PRAGMA wal_checkpoint(TRUNCATE)'),
      resolve,
      reject,
    }));
  }

  /**
   * Calls `listener` after every transaction that commits (the audit live
   * stream wakes on it to read the new rows). Returns the unsubscribe function.
   */
  onCommit(listener: () => void): () => void {
    this.#commitListeners.add(listener);
    return () => this.#commitListeners.delete(listener);
  }

  /**
   * Calls `listener` with the error of every job that failed (its caller
   * gets the same error): whatever a job's caller does with it, a failure
   * the whole process must hear of (a refused change of the audit log) is
   * heard. Returns the unsubscribe function.
   */
  onJobFailed(listener: (error: unknown) => void): () => void {
    this.#failureListeners.add(listener);
    return () => this.#failureListeners.delete(listener);
  }

  #failed(error: unknown): void {
    for (const listener of this.#failureListeners) {
      try {
        listener(error);
      } catch {
        // A listener's failure must not change what the job's caller sees.
      }
    }
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
        await head.run(this.client).then(head.resolve, head.reject);
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
    let transaction: Transaction;
    try {
      transaction = await this.client.transaction('write');
    } catch (error) {
      this.#failed(error);
      for (const pending of batch) pending.reject(error);
      return;
    }
    // On a libSQL server every request is a round trip: the savepoints of a
    // group, and the writes whose results no one reads, go along with the
    // jobs' other statements there.
    const carrier = isRemote(this.client) ? new CarriedStatements(transaction) : undefined;
    const runner = carrier?.runner ?? transaction;
    // A drizzle database over the open transaction. The runner has the
    // client's execute/batch; drizzle's own transaction() is never called on it.
    const tx = transactionOver(drizzle(runner as unknown as Client), runner);
    const outcomes: Outcome[] = [];
    try {
      if (batch.length === 1) {
        const { job } = batch[0]!;
        outcomes.push({ ok: true, value: await (carrier ? carrier.runAlone(() => job(tx)) : job(tx)) });
      } else if (carrier) {
        for (const { job } of batch) {
          const outcome = await carrier.run(() => job(tx));
          if (!outcome.ok) this.#failed(outcome.error);
          outcomes.push(outcome);
        }
      } else {
        for (const { job } of batch) outcomes.push(await this.#inSavepoint(transaction, tx, job));
      }
      await (carrier ?? transaction).commit();
    } catch (error) {
      // The lone job failed, or the commit itself did: nothing in this batch happened.
      transaction.close();
      this.#failed(error);
      for (const pending of batch) pending.reject(error);
      return;
    }
    // A listener's failure is its own: it must not fail the writes that committed.
    for (const listener of this.#commitListeners) {
      try {
        listener();
      } catch {
        // ignored on purpose, see above
      }
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
  }

  async #inSavepoint(transaction: Transaction, tx: Tx, job: WriteJob<unknown>): Promise<Outcome> {
    await transaction.execute('SAVEPOINT job');
    try {
      const value = await job(tx);
      await transaction.execute('RELEASE job');
      return { ok: true, value };
    } catch (error) {
      await transaction.execute('ROLLBACK TO job');
      await transaction.execute('RELEASE job');
      this.#failed(error);
      return { ok: false, error };
    }
  }
}

/** A client of a libSQL server (over WebSocket or HTTP), where each request is a round trip. */
function isRemote(client: Client): boolean {
  return client.protocol === 'ws' || client.protocol === 'http';
}
