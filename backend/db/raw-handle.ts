import type { InStatement, ResultSet } from '@libsql/client';

/** The libSQL handle (client or open transaction) that a drizzle instance runs on. */
export interface RawHandle {
  execute(statement: InStatement): Promise<ResultSet>;
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
