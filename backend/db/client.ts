import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Client, createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { serializeClient } from './gate';
import { NativeClient } from './native-client';
import { NativeConnection } from './native-connection';
import { ReadWorker } from './read-worker';
import { migrationClientForServer } from './server-migrations';
import { type RawHandle, type Reader, readerOver } from './sql';

export interface DatabaseOptions {
  url: string;
  authToken?: string | undefined;
  synchronous?: 'FULL' | 'NORMAL';
}

/**
 * The database as the app sees it: `reader` for queries, and `writerClient`,
 * the single connection the write queue commits through (writes are made in
 * its transactions, as a Tx). In file mode they are two connections, so reads
 * never wait for a write (WAL) and the writer's per-connection pragmas stay
 * set for good; in memory and remote modes they are the same client.
 */
export interface Database {
  /** Where the data lives: a local file, this process's memory, or a libSQL server. */
  kind: 'file' | 'memory' | 'remote';
  reader: Reader;
  /** The writer's raw client, for benchmarks and maintenance statements. */
  writerClient: Client;
  close(): void;
}

// Lock waits are only possible between processes (one process writes through
// one queue), so this bounds how long a second process may hold the file.
const BUSY_TIMEOUT_MS = 5_000;
const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const { url } = options;
  const isMemory = url === ':memory:' || url === 'file::memory:';
  const isFile = !isMemory && url.startsWith('file:');

  let readerClient: Client;
  let writerClient: Client;
  // File databases only: reads beside the client (NativeConnection.arrays, read-worker.ts).
  let fileReads: { reader: NativeConnection; worker: ReadWorker } | undefined;
  if (isMemory) {
    // Embedded databases run on the project's own driver (native-client.ts);
    // @libsql/client serves libSQL servers only.
    readerClient = writerClient = serializeClient(new NativeClient(new NativeConnection(':memory:')));
    await writerClient.execute('PRAGMA foreign_keys = ON');
  } else if (isFile) {
    const path = filePathOf(url);
    mkdirSync(dirname(path), { recursive: true });
    writerClient = new NativeClient(new NativeConnection(path, { timeoutMs: BUSY_TIMEOUT_MS }));
    // WAL is stored in the file; the rest belongs to this one connection,
    // which stays open for the life of the process.
    await writerClient.executeMultiple(
      [
        'PRAGMA journal_mode = WAL',
        `PRAGMA synchronous = ${options.synchronous ?? 'FULL'}`,
        'PRAGMA foreign_keys = ON',
        // Redaction must leave no copy of removed text in free pages.
        'PRAGMA secure_delete = ON',
      ].join(';\n'),
    );
    const reader = new NativeConnection(path, { timeoutMs: BUSY_TIMEOUT_MS });
    readerClient = new NativeClient(reader);
    fileReads = { reader, worker: new ReadWorker(path, BUSY_TIMEOUT_MS) };
  } else {
    readerClient = writerClient = createClient({ url, authToken: options.authToken });
  }

  // No relational schema: nothing uses drizzle's `db.query`, and without it a
  // drizzle instance is cheap enough to make one per write transaction.
  const isServer = !isMemory && !isFile;
  await migrate(drizzle(isServer ? migrationClientForServer(writerClient) : writerClient), { migrationsFolder: MIGRATIONS });
  const reads = fileReads;
  const readerHandle: RawHandle = reads
    ? {
        execute: (statement) => readerClient.execute(statement),
        // Statements run to completion, so the reader holds no snapshot between calls.
        arrays: (sql, args) => reads.reader.arrays(sql, args),
        firstColumnInWorker: (sql, args) => reads.worker.firstColumn(sql, args),
      }
    : readerClient;
  const reader = readerOver(drizzle(readerClient), readerHandle);

  return {
    kind: isMemory ? 'memory' : isFile ? 'file' : 'remote',
    reader,
    writerClient,
    close() {
      fileReads?.worker.close();
      writerClient.close();
      if (readerClient !== writerClient) readerClient.close();
    },
  };
}

/** The file path of a `file:` URL (`file:data/x.db`, `file:/abs/x.db`, `file:///abs/x.db`). */
export function filePathOf(url: string): string {
  const path = decodeURIComponent(url.slice('file:'.length).replace(/^\/\/(localhost)?(?=\/)/, ''));
  if (path === '' || path.includes('?')) throw new Error(`DATABASE_URL ${url} must be a file: URL with a path and no query parameters.`);
  return path;
}
