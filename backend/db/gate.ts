import type { Client, InStatement, InArgs, Transaction, TransactionMode } from '@libsql/client';

/**
 * An in-memory libSQL database lives on one connection, and the client
 * rejects any call made while a transaction holds it (TRANSACTION_ACTIVE).
 * This wrapper queues every call behind an open transaction instead, so reads
 * simply wait for the write in progress to commit.
 */
export function serializeClient(client: Client): Client {
  let tail: Promise<void> = Promise.resolve();

  function hold(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const acquired = tail.then(() => release);
    tail = tail.then(() => next);
    return acquired;
  }

  async function exclusive<T>(run: () => Promise<T>): Promise<T> {
    const release = await hold();
    try {
      return await run();
    } finally {
      release();
    }
  }

  async function transaction(mode?: TransactionMode): Promise<Transaction> {
    const release = await hold();
    let tx: Transaction;
    try {
      tx = await client.transaction(mode);
    } catch (error) {
      release();
      throw error;
    }
    let released = false;
    const done = () => {
      if (!released) (released = true), release();
    };
    return new Proxy(tx, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (typeof value !== 'function') return value;
        if (key === 'commit' || key === 'rollback') {
          return async () => {
            try {
              return await (value as () => Promise<void>).call(target);
            } finally {
              done();
            }
          };
        }
        if (key === 'close') {
          return () => {
            try {
              (value as () => void).call(target);
            } finally {
              done();
            }
          };
        }
        return (value as (...args: unknown[]) => unknown).bind(target);
      },
    });
  }

  return new Proxy(client, {
    get(target, key, receiver) {
      switch (key) {
        case 'execute':
          return (stmt: InStatement | string, args?: InArgs) =>
            exclusive(() => (typeof stmt === 'string' ? target.execute(stmt, args) : target.execute(stmt)));
        case 'batch':
          return (stmts: InStatement[], mode?: TransactionMode) => exclusive(() => target.batch(stmts, mode));
        case 'migrate':
          return (stmts: InStatement[]) => exclusive(() => target.migrate(stmts));
        case 'executeMultiple':
          return (sql: string) => exclusive(() => target.executeMultiple(sql));
        case 'transaction':
          return transaction;
        default: {
          const value = Reflect.get(target, key, receiver) as unknown;
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        }
      }
    },
  });
}
