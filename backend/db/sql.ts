import type { InStatement, InValue, ResultSet, Row } from '@libsql/client';
import { type SQL, sql } from 'drizzle-orm';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';

/*
 * The one way into the database: a Reader for queries, a Tx inside a write
 * transaction of the write queue, both drizzle databases that also carry the
 * libSQL handle they run on, and the functions below to run raw SQL on either.
 */

/** The libSQL handle (client or open transaction) that a Reader or Tx runs on. */
export interface RawHandle {
  execute(statement: InStatement): Promise<ResultSet>;
  /**
   * The rows of a read as plain arrays of column values, when the handle can
   * read them straight from the embedded driver (NativeConnection.arrays).
   */
  arrays?(sql: string, args: InValue[]): unknown[][];
  /** The first column of each row of a bulk read, read on a worker thread (see read-worker.ts). */
  firstColumnInWorker?(sql: string, args: InValue[]): Promise<unknown[]>;
  /** A write sent with the transaction's next request (carried-statements.ts: a libSQL server's transactions). */
  defer?(statement: InStatement): void;
}

const RAW_HANDLE = Symbol('auditdesk.rawHandle');
declare const READER: unique symbol;
declare const TRANSACTION: unique symbol;

interface WithHandle {
  readonly [RAW_HANDLE]: RawHandle;
}

/** Queries outside any transaction. Not a Tx: nothing written through it would be audited or atomic. */
export type Reader = LibSQLDatabase & WithHandle & { readonly [READER]: true };
/** A drizzle database running inside one write transaction of the write queue. */
export type Tx = LibSQLDatabase & WithHandle & { readonly [TRANSACTION]: true };

/** For openDatabase: the reader over `handle`. */
export function readerOver(db: LibSQLDatabase, handle: RawHandle): Reader {
  return Object.assign(db, { [RAW_HANDLE]: handle }) as Reader;
}

/** For the write queue: the Tx over an open write transaction. */
export function transactionOver(db: LibSQLDatabase, handle: RawHandle): Tx {
  return Object.assign(db, { [RAW_HANDLE]: handle }) as Tx;
}

/** The libSQL handle behind `db`, for statements compiled ahead of time (table-statements.ts). */
export function rawHandleOf(db: Reader | Tx): RawHandle {
  return db[RAW_HANDLE];
}

const dialect = new SQLiteAsyncDialect();

function compile(query: SQL): { text: string; args: InValue[] } {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return { text, args: params as InValue[] };
}

/**
 * Runs a write whose result the caller does not use. In a transaction on a
 * libSQL server it goes with the job's next request instead of in one of its
 * own (at the latest when the job ends), so the writes between two reads
 * cost one round trip; if the server refuses it, the job fails all the same.
 * Elsewhere it runs at once.
 */
export async function runWrite(tx: Tx, statement: InStatement): Promise<void> {
  const handle = tx[RAW_HANDLE];
  if (handle.defer) handle.defer(statement);
  else await handle.execute(statement);
}

/** Runs a drizzle SQL fragment; its rows by index and by column name. */
export async function runSql(db: Reader | Tx, query: SQL): Promise<Row[]> {
  const { text, args } = compile(query);
  return (await db[RAW_HANDLE].execute({ sql: text, args })).rows;
}

/**
 * A query's rows as arrays of column values, in select-list order. Bulk and
 * hot reads use it: the client's Row objects cost two Object.defineProperty
 * calls per column per row. Handles without `arrays` (memory, remote, an open
 * transaction) go through the client.
 */
export async function runSqlArrays(db: Reader | Tx, query: SQL): Promise<unknown[][]> {
  const { text, args } = compile(query);
  return arraysOf(db[RAW_HANDLE], text, args);
}

/**
 * A read whose SQL is built once (drizzle, with placeholders) and then run as
 * arrays with each call's arguments: for lookups made on every request, where
 * drizzle's prepared queries spend more on shaping the result than SQLite
 * spends finding the row. Values come as stored: the caller decodes them.
 */
export function compiledRead(db: Reader, query: { toSQL(): { sql: string } }): (args: InValue[]) => Promise<unknown[][]> {
  const { sql: text } = query.toSQL();
  const handle = db[RAW_HANDLE];
  return (args) => arraysOf(handle, text, args);
}

async function arraysOf(handle: RawHandle, text: string, args: InValue[]): Promise<unknown[][]> {
  if (handle.arrays) return handle.arrays(text, args);
  const { rows } = await handle.execute({ sql: text, args });
  return rows.map((row) => Array.prototype.slice.call(row) as unknown[]);
}

/**
 * The first column of each row of a bulk read (the export's packed rows): on
 * the handle's worker thread when it has one, so the read overlaps with the
 * caller's work; through runSqlArrays otherwise.
 */
/**
 * `expression` is one of `values`. The values go as one JSON argument, so
 * any number of them fits (no limit on bound parameters) and the SQL text
 * is the same for every count (one prepared statement).
 */
export function inJsonList(expression: SQL, values: readonly (string | number)[]): SQL {
  return sql`${expression} in (select value from json_each(${JSON.stringify(values)}))`;
}

export async function runSqlFirstColumn(db: Reader | Tx, query: SQL): Promise<unknown[]> {
  const handle = db[RAW_HANDLE];
  if (handle.firstColumnInWorker) {
    const { text, args } = compile(query);
    return handle.firstColumnInWorker(text, args);
  }
  return (await runSqlArrays(db, query)).map((row) => row[0]);
}
