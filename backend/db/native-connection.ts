import { Buffer } from 'node:buffer';
import Libsql from 'libsql';
import LibsqlPromise from 'libsql/promise';
import { type InArgs, type InValue, LibsqlError, type ResultSet, type Row } from '@libsql/client';

/** The part of libsql's native statement this module uses. */
interface NativeStatement {
  readonly reader: boolean;
  raw(toggle?: boolean): NativeStatement;
  safeIntegers(toggle?: boolean): NativeStatement;
  run(args: unknown): { changes: number; lastInsertRowid: number | bigint };
  all(args: unknown): unknown[][];
  columns(): Array<{ name: string; type: string | null }>;
}

/** A prepared statement of one connection, with what it has learned about its results. */
interface Prepared {
  statement: NativeStatement;
  returnsRows: boolean;
  columns?: string[];
  columnTypes?: string[];
  toRow?: (values: unknown[]) => Row;
  /** The schema generation `columns` was read at. */
  generation?: number;
}

// Preparing costs ~250 µs and libsql's `columns()` ~3–4.5 µs per column
// (measured on this project's 2-core machines), against ~50 µs to run a small
// read: both are kept per connection, as better-sqlite3 users keep statements.
const MAX_STATEMENTS_PER_CONNECTION = 500;

/*
 * Bumped by every schema change made through any connection of this process.
 * SQLite recompiles a statement whose tables changed, and a `SELECT *` may then
 * return other columns, so a column list learned before the change is read
 * again after it. A change made by another process is seen when it alters the
 * number of columns a statement returns (the row width no longer matches);
 * the app's own statements name their columns, so no other change reaches them.
 */
let schemaGeneration = 0;
const SCHEMA_CHANGE = /^\s*(create|alter|drop)\s/i;

/**
 * One connection to an embedded libSQL database (a file, or this process's
 * memory), through libsql's native `Database`. It keeps each SQL text's
 * prepared statement and column list for itself: nothing is shared with other
 * connections and no library code is patched.
 */
export class NativeConnection {
  readonly #database: Libsql.Database;
  readonly #statements = new Map<string, Prepared>();
  readonly #arrayStatements = new Map<string, NativeStatement>();

  constructor(path: string, options: { timeoutMs?: number } = {}) {
    this.#database = new Libsql(path, { timeout: options.timeoutMs ?? 0 });
  }

  get open(): boolean {
    return this.#database.open;
  }

  get inTransaction(): boolean {
    return this.#database.inTransaction;
  }

  /** Runs one statement with the client's result shape: rows by index and by column name, integers as numbers. */
  execute(sql: string, args: InArgs = []): ResultSet {
    const values = toSqlValues(args);
    try {
      const prepared = this.#prepared(sql);
      if (!prepared.returnsRows) {
        const info = prepared.statement.run(values);
        if (SCHEMA_CHANGE.test(sql)) schemaGeneration++;
        return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
      }
      const raw = prepared.statement.all(values);
      const columns = this.#columnsOf(prepared, raw[0]);
      const toRow = prepared.toRow!;
      const rows = raw.map((values) => toRow(values.map(fromSql)));
      return resultSet(columns, prepared.columnTypes ?? [], rows, 0, undefined);
    } catch (error) {
      throw toLibsqlError(error);
    }
  }

  /**
   * A read's rows as plain arrays of column values. The client's Row objects
   * cost two Object.defineProperty calls per column per row (1.5 ms for a page
   * of 51 full audit rows); hot and bulk reads skip them. Integers come back
   * as numbers.
   */
  arrays(sql: string, args: InValue[]): unknown[][] {
    try {
      let statement = this.#arrayStatements.get(sql);
      if (!statement) {
        statement = (this.#database.prepare(sql) as unknown as NativeStatement).raw(true);
        remember(this.#arrayStatements, sql, statement);
      }
      return statement.all(toSqlValues(args));
    } catch (error) {
      throw toLibsqlError(error);
    }
  }

  /**
   * Runs statements with no arguments and no rows (a COMMIT) on libsql's own
   * threads, where the connection's native side can run them: the main thread
   * goes on while a commit's fsync waits for the disk. Until the promise
   * settles, any other call on this connection would wait for it, blocking
   * the main thread: callers hold the connection until then.
   */
  async executeInBackground(sql: string): Promise<void> {
    try {
      // The promise API's exec over this connection's native handle: the same module, its async entry point.
      await (LibsqlPromise.prototype.exec as (this: unknown, sql: string) => Promise<void>).call(this.#database, sql);
    } catch (error) {
      throw toLibsqlError(error);
    }
  }

  /** Runs several statements separated by semicolons, with no arguments. */
  executeMultiple(sql: string): void {
    try {
      this.#database.exec(sql);
    } catch (error) {
      throw toLibsqlError(error);
    } finally {
      // Rare (pragmas at start-up, scripts): not worth telling schema changes apart.
      schemaGeneration++;
    }
  }

  close(): void {
    this.#statements.clear();
    this.#arrayStatements.clear();
    if (this.#database.open) this.#database.close();
  }

  #prepared(sql: string): Prepared {
    let prepared = this.#statements.get(sql);
    if (prepared) return prepared;
    const statement = this.#database.prepare(sql) as unknown as NativeStatement;
    const returnsRows = statement.reader;
    if (returnsRows) statement.raw(true).safeIntegers(true);
    prepared = { statement, returnsRows };
    remember(this.#statements, sql, prepared);
    return prepared;
  }

  /** The statement's column names for the rows just read (after the run, when SQLite has recompiled it if it had to). */
  #columnsOf(prepared: Prepared, firstRow: unknown[] | undefined): string[] {
    const known = prepared.columns;
    if (known && prepared.generation === schemaGeneration && (!firstRow || firstRow.length === known.length)) return known;
    const definitions = prepared.statement.columns();
    prepared.columns = definitions.map((column) => column.name);
    prepared.columnTypes = definitions.map((column) => column.type ?? '');
    prepared.toRow = rowMakerFor(prepared.columns);
    prepared.generation = schemaGeneration;
    return prepared.columns;
  }
}

function remember<T>(cache: Map<string, T>, sql: string, value: T): void {
  if (cache.size >= MAX_STATEMENTS_PER_CONNECTION) cache.delete(cache.keys().next().value!);
  cache.set(sql, value);
}

function resultSet(columns: string[], columnTypes: string[], rows: Row[], rowsAffected: number, lastInsertRowid: bigint | undefined): ResultSet {
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({ columns, columnTypes, rows: rows.map((row) => Array.prototype.slice.call(row) as unknown[]), rowsAffected, lastInsertRowid: lastInsertRowid?.toString() ?? null }),
  };
}

/** The values of one row; the prototype of each column list's rows reads them by index. */
class RowValues {
  readonly #values: unknown[];
  constructor(values: unknown[]) {
    this.#values = values;
  }
  static valueAt(row: RowValues, index: number): unknown {
    return row.#values[index];
  }
}

/**
 * Makes rows shaped as the client shapes them: values by index (not
 * enumerable) and by column name (enumerable, the first of duplicate names;
 * none for a name the index properties or `length` already answer). The
 * client defines two properties per column on every row, ~17 µs for a row of
 * 20 columns; here the index properties live once on a prototype per column
 * list and a row only gets its named ones, ~1 µs.
 */
function rowMakerFor(columns: string[]): (values: unknown[]) => Row {
  const Shaped = class extends RowValues {};
  columns.forEach((_, index) => {
    Object.defineProperty(Shaped.prototype, index, {
      get(this: RowValues) {
        return RowValues.valueAt(this, index);
      },
    });
  });
  Object.defineProperty(Shaped.prototype, 'length', { value: columns.length });
  const named: Array<[name: string, index: number]> = [];
  const seen = new Set<string>();
  columns.forEach((name, index) => {
    const answeredByIndex = /^(0|[1-9]\d*)$/.test(name) && Number(name) < columns.length;
    if (seen.has(name) || name === 'length' || answeredByIndex) return;
    seen.add(name);
    named.push([name, index]);
  });
  return (values) => {
    const row = new Shaped(values) as unknown as Record<string, unknown>;
    for (const [name, index] of named) {
      // Assigning `__proto__` would set the prototype instead of a property.
      if (name === '__proto__') Object.defineProperty(row, name, { value: values[index], enumerable: true, configurable: true, writable: true });
      else row[name] = values[index];
    }
    return row as Row;
  };
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function fromSql(value: unknown): unknown {
  if (typeof value === 'bigint') {
    if (value < MIN_SAFE || value > MAX_SAFE) throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
    return Number(value);
  }
  if (value instanceof Buffer) return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength);
  return value;
}

const MIN_INTEGER = -9223372036854775808n;
const MAX_INTEGER = 9223372036854775807n;

function toSqlValue(value: InValue | undefined): unknown {
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
      return value;
    case 'bigint':
      if (value < MIN_INTEGER || value > MAX_INTEGER) throw new RangeError('bigint is too large to be represented as a 64-bit integer and passed as argument');
      return value;
    case 'boolean':
      return value ? 1 : 0;
    case 'undefined':
      throw new TypeError('undefined cannot be passed as argument to the database');
    default:
      if (value instanceof ArrayBuffer) return Buffer.from(value);
      if (value instanceof Date) return value.valueOf();
      return value;
  }
}

function toSqlValues(args: InArgs): unknown {
  if (Array.isArray(args)) return args.map(toSqlValue);
  const named: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) named[/^[@$:]/.test(name) ? name.slice(1) : name] = toSqlValue(value);
  return named;
}

const BASE_CODES: Record<number, string> = {
  1: 'SQLITE_ERROR', 2: 'SQLITE_INTERNAL', 3: 'SQLITE_PERM', 4: 'SQLITE_ABORT', 5: 'SQLITE_BUSY', 6: 'SQLITE_LOCKED',
  7: 'SQLITE_NOMEM', 8: 'SQLITE_READONLY', 9: 'SQLITE_INTERRUPT', 10: 'SQLITE_IOERR', 11: 'SQLITE_CORRUPT',
  12: 'SQLITE_NOTFOUND', 13: 'SQLITE_FULL', 14: 'SQLITE_CANTOPEN', 15: 'SQLITE_PROTOCOL', 16: 'SQLITE_EMPTY',
  17: 'SQLITE_SCHEMA', 18: 'SQLITE_TOOBIG', 19: 'SQLITE_CONSTRAINT', 20: 'SQLITE_MISMATCH', 21: 'SQLITE_MISUSE',
  22: 'SQLITE_NOLFS', 23: 'SQLITE_AUTH', 24: 'SQLITE_FORMAT', 25: 'SQLITE_RANGE', 26: 'SQLITE_NOTADB',
  27: 'SQLITE_NOTICE', 28: 'SQLITE_WARNING',
};

/**
 * libsql's SqliteError as the client's LibsqlError (code SQLITE_CONSTRAINT and
 * so on), built here so its stack is the caller's; other errors pass as they are.
 */
export function toLibsqlError(error: unknown): unknown {
  if (!(error instanceof Libsql.SqliteError)) return error;
  const rawCode = (error as { rawCode?: number }).rawCode;
  const code = rawCode === undefined ? 'SQLITE_UNKNOWN' : (BASE_CODES[rawCode & 0xff] ?? `SQLITE_UNKNOWN_${rawCode & 0xff}`);
  return new LibsqlError(error.message, code, error.code, rawCode, error);
}
