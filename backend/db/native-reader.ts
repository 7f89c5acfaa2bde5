import Database from 'libsql';
import type { InValue } from '@libsql/client';

/** The part of libsql's statement this module uses (its types are better-sqlite3's, loosely). */
interface NativeStatement {
  raw(toggle?: boolean): NativeStatement;
  all(args: InValue[]): unknown[][];
}

/**
 * A connection of its own to a database file, for reads whose rows the app
 * wants as arrays (`RawHandle.arrays`). @libsql/client turns every row into
 * an object with two Object.defineProperty calls per column: about 1.7 µs a
 * row for a one-column row, 1.5 ms for a page of 51 full audit rows, which
 * was most of a log page's server time. Reading through libsql's own
 * statement in raw mode skips that.
 *
 * Reads only: WAL lets it read beside the writer, each statement runs to
 * completion (no snapshot is held between calls), and its statements come
 * from the per-connection statement cache (statement-cache.ts). Integers
 * come back as numbers, as the client's default `intMode` gives them.
 */
export function openNativeReader(path: string, timeoutMs: number): { arrays(sql: string, args: InValue[]): unknown[][]; close(): void } {
  const connection = new Database(path, { timeout: timeoutMs });
  return {
    arrays(sql, args) {
      const statement = connection.prepare(sql) as unknown as NativeStatement;
      return statement.raw(true).all(args);
    },
    close() {
      connection.close();
    },
  };
}
