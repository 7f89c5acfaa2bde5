import type { InValue } from '@libsql/client';
import { type Reader, rawHandleOf } from '../../db/sql';

/**
 * Where a verifier reads a chain from: one SQL read, its rows as arrays of
 * column values (integers as numbers, blobs as bytes). The server reads
 * through its Reader; the command-line verifier through a read-only
 * connection to a copy of the database file, with no server and no
 * migrations.
 */
export type ChainQuery = (sql: string, args: InValue[]) => unknown[][] | Promise<unknown[][]>;

/** The app's reader as a ChainQuery: straight from the embedded driver when it can, through the client otherwise. */
export function readerQuery(reader: Reader): ChainQuery {
  const handle = rawHandleOf(reader);
  if (handle.arrays) {
    const arrays = handle.arrays.bind(handle);
    return (sql, args) => arrays(sql, args);
  }
  return async (sql, args) => {
    const { rows } = await handle.execute({ sql, args });
    return rows.map((row) => Array.prototype.slice.call(row) as unknown[]);
  };
}
