import { type Client, type InArgs, type InStatement, LibsqlError, type ResultSet, type Transaction, type TransactionMode } from '@libsql/client';
import { NativeConnection } from './native-connection';

const BEGIN: Record<TransactionMode, string> = {
  write: 'BEGIN IMMEDIATE',
  read: 'BEGIN TRANSACTION READONLY',
  deferred: 'BEGIN DEFERRED',
};

type BatchStatement = InStatement | [string, InArgs?];

function unpack(statement: BatchStatement): [sql: string, args: InArgs | undefined] {
  if (typeof statement === 'string') return [statement, undefined];
  if (Array.isArray(statement)) return [statement[0], statement[1]];
  return [statement.sql, statement.args];
}

/**
 * The @libsql/client interface over one NativeConnection, so drizzle and the
 * write queue run on it unchanged, for embedded databases (a file, or memory).
 * One connection is enough: every call runs to completion synchronously, and
 * only a transaction holds the connection between calls. While one is open,
 * the client itself refuses work (TRANSACTION_ACTIVE, as @libsql/client does
 * with a single connection) rather than running it inside someone else's
 * transaction.
 */
export class NativeClient implements Client {
  readonly protocol = 'file';
  closed = false;
  #transaction: NativeTransaction | undefined;

  constructor(readonly connection: NativeConnection) {}

  async execute(statement: InStatement | string, args?: InArgs): Promise<ResultSet> {
    const [sql, statementArgs] = unpack(statement);
    return this.#idle().execute(sql, statementArgs ?? args);
  }

  async batch(statements: BatchStatement[], mode: TransactionMode = 'deferred'): Promise<ResultSet[]> {
    return this.#inTransaction(BEGIN[mode], () => statements.map((statement) => this.connection.execute(...unpack(statement))));
  }

  /** Runs migration statements in one transaction with foreign keys off, as @libsql/client does. */
  async migrate(statements: InStatement[]): Promise<ResultSet[]> {
    const connection = this.#idle();
    connection.execute('PRAGMA foreign_keys=off');
    try {
      return this.#inTransaction(BEGIN.deferred, () => statements.map((statement) => connection.execute(...unpack(statement))));
    } finally {
      connection.execute('PRAGMA foreign_keys=on');
    }
  }

  async transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
    const connection = this.#idle();
    connection.execute(BEGIN[mode]);
    const transaction = new NativeTransaction(connection, () => {
      if (this.#transaction === transaction) this.#transaction = undefined;
    });
    this.#transaction = transaction;
    return transaction;
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#idle().executeMultiple(sql);
  }

  sync(): never {
    throw new LibsqlError('An embedded database has no remote to sync with.', 'SYNC_NOT_SUPPORTED');
  }

  reconnect(): never {
    throw new LibsqlError('An embedded database connection cannot be reopened; open the database again.', 'RECONNECT_NOT_SUPPORTED');
  }

  close(): void {
    this.closed = true;
    this.#transaction?.close();
    this.connection.close();
  }

  #idle(): NativeConnection {
    if (this.closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
    if (this.#transaction) {
      throw new LibsqlError(
        'This client has a single connection, which an open transaction is holding. Commit or roll back the transaction before using the client again.',
        'TRANSACTION_ACTIVE',
      );
    }
    return this.connection;
  }

  #inTransaction<T>(begin: string, run: () => T): T {
    const connection = this.#idle();
    connection.execute(begin);
    try {
      const result = run();
      connection.execute('COMMIT');
      return result;
    } finally {
      if (connection.open && connection.inTransaction) connection.execute('ROLLBACK');
    }
  }
}

/** An open transaction: it holds the client's connection until commit, rollback or close. */
class NativeTransaction implements Transaction {
  #connection: NativeConnection | undefined;

  constructor(
    connection: NativeConnection,
    private readonly release: () => void,
  ) {
    this.#connection = connection;
  }

  /** True once settled, or when SQLite itself ended the transaction (some errors roll it back). */
  get closed(): boolean {
    const connection = this.#connection;
    return !connection || !connection.open || !connection.inTransaction;
  }

  async execute(statement: InStatement | string, args?: InArgs): Promise<ResultSet> {
    const [sql, statementArgs] = unpack(statement);
    return this.#open().execute(sql, statementArgs ?? args);
  }

  async batch(statements: InStatement[]): Promise<ResultSet[]> {
    return statements.map((statement) => this.#open().execute(...unpack(statement)));
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#open().executeMultiple(sql);
  }

  /**
   * The commit's fsync runs off the main thread (executeInBackground); the
   * client stays held until it is done, so nothing else reaches the
   * connection meanwhile. A commit that fails leaves nothing behind.
   */
  async commit(): Promise<void> {
    const connection = this.#open();
    try {
      await connection.executeInBackground('COMMIT');
    } catch (error) {
      // SQLite keeps the transaction open when COMMIT fails (a deferred
      // constraint): end it, or the connection's next BEGIN would fail too.
      // The caller hears of the commit's failure, not of the rollback's.
      try {
        if (connection.open && connection.inTransaction) connection.execute('ROLLBACK');
      } catch {
        // The transaction is over either way.
      }
      throw error;
    } finally {
      this.#settle();
    }
  }

  async rollback(): Promise<void> {
    this.close();
  }

  close(): void {
    const connection = this.#connection;
    if (!connection) return;
    try {
      if (connection.open && connection.inTransaction) connection.execute('ROLLBACK');
    } finally {
      this.#settle();
    }
  }

  #open(): NativeConnection {
    if (this.closed) throw new LibsqlError('The transaction is closed', 'TRANSACTION_CLOSED');
    return this.#connection!;
  }

  #settle(): void {
    if (!this.#connection) return;
    this.#connection = undefined;
    this.release();
  }
}
