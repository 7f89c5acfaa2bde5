import type { Client, InStatement, Transaction, TransactionMode } from '@libsql/client';

/** A client of a libSQL server that counts the requests sent through it (each one a round trip). */
export interface CountingRequests {
  client: Client;
  /** Requests sent so far. */
  readonly count: number;
}

/** `inner`, counting every request made through it and its transactions (what a write queue over it sends). */
export function countingRequests(inner: Client): CountingRequests {
  let count = 0;
  const counted =
    <A extends unknown[], R>(call: (...args: A) => R) =>
    (...args: A): R => {
      count += 1;
      return call(...args);
    };
  const wrap = (tx: Transaction) =>
    ({
      execute: counted((statement: InStatement) => tx.execute(statement)),
      batch: counted((statements: InStatement[]) => tx.batch(statements)),
      executeMultiple: counted((text: string) => tx.executeMultiple(text)),
      commit: counted(() => tx.commit()),
      rollback: counted(() => tx.rollback()),
      close: () => tx.close(),
      get closed() {
        return tx.closed;
      },
    }) as unknown as Transaction;
  const client = {
    protocol: inner.protocol,
    execute: counted((statement: InStatement) => inner.execute(statement)),
    transaction: async (mode?: TransactionMode) => wrap(await inner.transaction(mode)),
    close: () => inner.close(),
  } as unknown as Client;
  return {
    client,
    get count() {
      return count;
    },
  };
}
