import { type InStatement, LibsqlBatchError, type ResultSet, type Transaction } from '@libsql/client';

export type JobOutcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** What a job may call on its transaction: a statement, or several in one request. */
export type StatementRunner = Pick<Transaction, 'execute' | 'batch'>;

/**
 * The savepoints of a group of jobs in one write transaction on a libSQL
 * server, sent along with the jobs' own statements instead of on their own.
 *
 * Over the network each request to the server is a round trip, and a job's
 * SAVEPOINT and RELEASE would add two to every job. Here they wait and go in
 * front of the next statement, in the same request (a batch of the
 * transaction, whose statements run in order and stop at the first that
 * fails): the first statement of a job carries the previous job's RELEASE (or
 * ROLLBACK TO) and its own SAVEPOINT; a job that sends nothing opens no
 * savepoint; COMMIT ends every savepoint still open, so the last RELEASE is
 * never sent. A group of jobs of k statements each costs k round trips per
 * job and one COMMIT, instead of k + 2 per job.
 *
 * The guarantees stay those of one savepoint per job: a failing job is
 * rolled back to its savepoint before anything else runs, and if one of the
 * carried savepoint statements itself fails, the transaction is no longer
 * known to be right, so the commit refuses and nothing of the group is
 * written.
 */
export class SavepointsAlongside {
  /** Savepoint statements waiting for the next request. */
  #carried: string[] = [];
  /** The running job's savepoint: waiting to be sent, sent, or none (between jobs). */
  #savepoint: 'carried' | 'open' | 'none' = 'none';
  #broken: { error: unknown } | undefined;

  constructor(private readonly transaction: Transaction) {}

  /** The handle the jobs run their statements on. */
  readonly runner: StatementRunner = {
    execute: async (statement: InStatement): Promise<ResultSet> => (await this.#send([statement]))[0]!,
    batch: (statements: InStatement[]): Promise<ResultSet[]> => this.#send(statements),
  };

  /** Runs one job of the group in its own savepoint. */
  async run(job: () => Promise<unknown>): Promise<JobOutcome> {
    this.#carried.push('SAVEPOINT job');
    this.#savepoint = 'carried';
    let outcome: JobOutcome;
    try {
      outcome = { ok: true, value: await job() };
    } catch (error) {
      outcome = { ok: false, error };
    }
    if (this.#savepoint === 'carried') {
      // The job sent nothing: its savepoint was never opened.
      this.#carried.pop();
    } else {
      this.#carried.push(...(outcome.ok ? ['RELEASE job'] : ['ROLLBACK TO job', 'RELEASE job']));
    }
    this.#savepoint = 'none';
    return outcome;
  }

  /** Commits every job that succeeded; throws (and commits nothing) if the savepoints went wrong. */
  async commit(): Promise<void> {
    if (this.#broken) throw this.#broken.error;
    // What is still carried closes the last job that sent anything: a failed
    // one must be rolled back first; a RELEASE is not needed.
    const rollBack = this.#carried.includes('ROLLBACK TO job');
    this.#carried = [];
    if (rollBack) await this.transaction.execute('ROLLBACK TO job');
    await this.transaction.commit();
  }

  async #send(statements: InStatement[]): Promise<ResultSet[]> {
    if (this.#broken) throw this.#broken.error;
    const carried = this.#carried;
    this.#carried = [];
    if (this.#savepoint === 'carried') this.#savepoint = 'open';
    if (carried.length === 0) return this.transaction.batch(statements);
    try {
      return (await this.transaction.batch([...carried, ...statements])).slice(carried.length);
    } catch (error) {
      // The job's own statement failed after the savepoint statements ran: the
      // job's failure, as if sent alone. Anything else leaves the transaction
      // in a state no one can vouch for.
      if (error instanceof LibsqlBatchError && error.statementIndex >= carried.length) throw error;
      this.#broken = { error };
      throw error;
    }
  }
}
