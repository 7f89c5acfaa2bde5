import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { InValue } from '@libsql/client';

/*
 * The worker's whole program, as plain JavaScript so it runs the same under
 * tsx, vitest and node: its own libsql connection, one prepared statement
 * per SQL text, and for each request the first column of every row. It is
 * closed by a message, after the request it is running: a thread terminated
 * inside a native libsql call aborts the whole process.
 */
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.libsql);
const connection = new Database(workerData.path, { timeout: workerData.timeoutMs });
const statements = new Map();
parentPort.on('message', ({ id, sql, args, close }) => {
  if (close) {
    connection.close();
    parentPort.close();
    return;
  }
  try {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= 100) statements.clear();
      statement = connection.prepare(sql).raw(true);
      statements.set(sql, statement);
    }
    const rows = statement.all(args);
    const column = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) column[i] = rows[i][0];
    parentPort.postMessage({ id, column });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
`;

/** What the worker is sent: a read, or the word to close after the read in progress. */
type Request = { id: number; sql: string; args: InValue[] } | { close: true };
type Reply = { id: number; column: unknown[]; error?: undefined } | { id: number; error: string };

/**
 * Bulk reads on a thread of their own (file databases only). An export is
 * one core's work in series: SQLite builds a batch, then JavaScript formats
 * it. With the next batch read here while the main thread formats the
 * current one (scanPackedAudit reads one batch ahead), the two overlap on the
 * machine's second core. Started on first use; it does not keep the process
 * alive.
 */
export class ReadWorker {
  #worker: Worker | undefined;
  #nextId = 0;
  readonly #waiting = new Map<number, { resolve(column: unknown[]): void; reject(error: Error): void }>();

  constructor(
    private readonly path: string,
    private readonly timeoutMs: number,
  ) {}

  /** The first column of each row of a read. */
  firstColumn(sql: string, args: InValue[]): Promise<unknown[]> {
    const worker = this.#start();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      worker.postMessage({ id, sql, args } satisfies Request);
    });
  }

  close(): void {
    this.#worker?.postMessage({ close: true } satisfies Request);
    this.#worker = undefined;
    this.#failAll(new Error('The database is closed.'));
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const libsql = createRequire(import.meta.url).resolve('libsql');
    const worker = new Worker(PROGRAM, { eval: true, workerData: { path: this.path, timeoutMs: this.timeoutMs, libsql } });
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiting = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      if (reply.error !== undefined) waiting?.reject(new Error(reply.error));
      else waiting?.resolve(reply.column);
    });
    worker.on('error', (error) => {
      this.#worker = undefined;
      this.#failAll(error);
    });
    this.#worker = worker;
    return worker;
  }

  #failAll(error: Error): void {
    for (const { reject } of this.#waiting.values()) reject(error);
    this.#waiting.clear();
  }
}
