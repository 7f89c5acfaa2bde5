import type { InStatement, InValue, ResultSet } from '@libsql/client';

/** The libSQL handle (client or open transaction) that a drizzle instance runs on. */
export interface RawHandle {
  execute(statement: InStatement): Promise<ResultSet>;
  /**
   * The rows of a read as plain arrays of column values, when the handle can
   * read them straight from the embedded driver (NativeConnection.arrays).
   */
  arrays?(sql: string, args: InValue[]): unknown[][];
  /** The first column of each row of a bulk read, read on a worker thread (see read-worker.ts). */
  firstColumnInWorker?(sql: string, args: InValue[]): Promise<unknown[]>;
}

const handles = new WeakMap<object, RawHandle>();

/** Records which libSQL handle `db` runs on, so hot paths can skip query building (see table-statements.ts). */
export function withRawHandle<T extends object>(db: T, handle: RawHandle): T {
  handles.set(db, handle);
  return db;
}

export function rawHandleOf(db: object): RawHandle {
  const handle = handles.get(db);
  if (!handle) throw new Error('This database object was not opened through openDatabase or the write queue.');
  return handle;
}

/**
 * A query's rows as arrays of column values, in select-list order. Bulk and
 * hot reads use it: the client's Row objects cost two Object.defineProperty
 * calls per column per row. Handles without `arrays` (memory, remote, an open
 * transaction) go through the client.
 */
export async function readArrays(db: object, sql: string, args: InValue[]): Promise<unknown[][]> {
  const handle = rawHandleOf(db);
  if (handle.arrays) return handle.arrays(sql, args);
  const { rows } = await handle.execute({ sql, args });
  return rows.map((row) => Array.prototype.slice.call(row) as unknown[]);
}

/**
 * The first column of each row of a bulk read (the export's packed rows): on
 * the handle's worker thread when it has one, so the read overlaps with the
 * caller's work; through readArrays otherwise.
 */
export async function readFirstColumn(db: object, sql: string, args: InValue[]): Promise<unknown[]> {
  const handle = rawHandleOf(db);
  if (handle.firstColumnInWorker) return handle.firstColumnInWorker(sql, args);
  return (await readArrays(db, sql, args)).map((row) => row[0]);
}
