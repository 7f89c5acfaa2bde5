import { type InStatement, LibsqlBatchError, type ResultSet, type Transaction } from '@libsql/client';

export type JobOutcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** What a job may call on its transaction: a statement, several in one request, or a write sent with the next request. */
export interface StatementRunner extends Pick<Transaction, 'execute' | 'batch'> {
  defer(statement: InStatement): void;
}

/**
 * The statements of a write transaction on a libSQL server that need no
 * request of their own, sent along with the next statement instead.
 *
 * Over the network each request to the server is a round trip. Two kinds of
 * statement wait for the next one and go in front of it, in the same request
 * (a batch of the transaction, whose statements run in order and stop at the
 * first that fails):
 * - the savepoints of a group of jobs: the first statement of a job carries
 *   the previous job's RELEASE (or ROLLBACK TO) and its own SAVEPOINT; a job
 *   that sends nothing opens no savepoint; COMMIT ends every savepoint still
 *   open, so the last RELEASE is never sent;
 * - a job's writes whose result it does not use (`defer`): they go with the
 *   job's next statement, or on their own when the job ends, so the writes
 *   between two reads cost one round trip.
 * An audited change is thus a request per read it makes and one COMMIT per
 * group, instead of a request per statement and two per job for savepoints.
 *
 * The guarantees stay those of one request per statement: a deferred write
 * that fails fails its job (the caller hears of it from the job's next
 * statement, or from the job's end), a failing job is rolled back to its
 * savepoint before anything else runs, a job that fails before its deferred
 * writes were sent never sends them, and if one of the carried savepoint
 * statements itself fails, the transaction is no longer known to be right,
 * so the commit refuses and nothing of the group is written.
 */
export class CarriedStatements {
  /** Savepoint statements waiting for the next request. */
  #savepointStatements: string[] = [];
  /** The running job's writes waiting for the next request (they follow the savepoint statements). */
  #deferred: InStatement[] = [];
  /** The running job's savepoint: waiting to be sent, sent, or none (between jobs, or a job run alone). */
  #savepoint: 'carried' | 'open' | 'none' = 'none';
  /** The running job's deferred write that the server refused: the job fails, whatever it did with the error. */
  #refusedWrite: { error: unknown } | undefined;
  #broken: { error: unknown } | undefined;

  constructor(private readonly transaction: Transaction) {}

  /** The handle the jobs run their statements on. */
  readonly runner: StatementRunner = {
    execute: async (statement: InStatement): Promise<ResultSet> => (await this.#send([statement]))[0]!,
    batch: (statements: InStatement[]): Promise<ResultSet[]> => this.#send(statements),
    defer: (statement: InStatement): void => {
      if (this.#broken) throw this.#broken.error;
      this.#deferred.push(statement);
    },
  };

  /** Runs the only job of a transaction (no savepoint: its failure ends the transaction); throws what it throws. */
  async runAlone(job: () => Promise<unknown>): Promise<unknown> {
    try {
      return await this.#runJob(job);
    } finally {
      this.#endJob();
    }
  }

  /** Runs one job of the group in its own savepoint. */
  async run(job: () => Promise<unknown>): Promise<JobOutcome> {
    this.#savepointStatements.push('SAVEPOINT job');
    this.#savepoint = 'carried';
    let outcome: JobOutcome;
    try {
      outcome = { ok: true, value: await this.#runJob(job) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    this.#endJob();
    if (this.#savepoint === 'carried') {
      // The job sent nothing: its savepoint was never opened.
      this.#savepointStatements.pop();
    } else {
      this.#savepointStatements.push(...(outcome.ok ? ['RELEASE job'] : ['ROLLBACK TO job', 'RELEASE job']));
    }
    this.#savepoint = 'none';
    return outcome;
  }

  /** Commits every job that succeeded; throws (and commits nothing) if the savepoints went wrong. */
  async commit(): Promise<void> {
    if (this.#broken) throw this.#broken.error;
    // What is still carried closes the last job that sent anything: a failed
    // one must be rolled back first; a RELEASE is not needed.
    const rollBack = this.#savepointStatements.includes('ROLLBACK TO job');
    this.#savepointStatements = [];
    if (rollBack) await this.transaction.execute('ROLLBACK TO job');
    await this.transaction.commit();
  }

  /** The job's value once its deferred writes are sent (in a request of their own if no statement of the job carried them). */
  async #runJob(job: () => Promise<unknown>): Promise<unknown> {
    const value = await job();
    if (this.#deferred.length > 0) await this.#send([]);
    if (this.#refusedWrite) throw this.#refusedWrite.error;
    return value;
  }

  /** Between jobs: writes of a failed job that were never sent are dropped. */
  #endJob(): void {
    this.#deferred = [];
    this.#refusedWrite = undefined;
  }

  async #send(statements: InStatement[]): Promise<ResultSet[]> {
    if (this.#broken) throw this.#broken.error;
    const savepointStatements = this.#savepointStatements;
    const carried = [...savepointStatements, ...this.#deferred];
    this.#savepointStatements = [];
    this.#deferred = [];
    if (this.#savepoint === 'carried') this.#savepoint = 'open';
    if (carried.length === 0) return this.transaction.batch(statements);
    try {
      return (await this.transaction.batch([...carried, ...statements])).slice(carried.length);
    } catch (error) {
      // A deferred write or the job's own statement failed after the savepoint
      // statements ran: the job's failure, as if sent alone. A savepoint
      // statement's failure leaves the transaction in a state no one can vouch for.
      if (error instanceof LibsqlBatchError && error.statementIndex >= savepointStatements.length) {
        if (error.statementIndex < carried.length) this.#refusedWrite ??= { error };
        throw error;
      }
      this.#broken = { error };
      throw error;
    }
  }
}
