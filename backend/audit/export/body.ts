export interface ExportSummary {
  /** Rows sent to the client. */
  rows: number;
  /** False when the client went away (or reading failed) before the last row. */
  complete: boolean;
}

export interface ExportBodyOptions<T> {
  /** Batches of rows, each fetched only when asked for (scanPackedAudit). */
  batches: AsyncIterator<T[]>;
  /** Written before the first row (the CSV header). */
  head?: string;
  /** Written after the last row, when every row was sent (the JSONL export's checkpoint line). */
  tail?: () => string;
  /** The rows of one batch as UTF-8 bytes. */
  encode(rows: T[]): Uint8Array;
  /**
   * Called once, when the export ends. Awaited before the body closes, so by
   * the time a client has read the whole file the export has been recorded.
   */
  onFinish(summary: ExportSummary): Promise<void>;
}

/**
 * A response body that pulls one batch per read: memory holds a batch (and
 * the one the scan reads ahead) however many rows match, and a slow client
 * slows the database reads down instead of filling a buffer (the stream
 * itself queues nothing: high water mark 0).
 */
export function exportBody<T>(options: ExportBodyOptions<T>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let rows = 0;
  let finished = false;
  const finish = (complete: boolean) => {
    if (finished) return Promise.resolve();
    finished = true;
    return options.onFinish({ rows, complete });
  };

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (options.head) controller.enqueue(encoder.encode(options.head));
      },
      async pull(controller) {
        try {
          const next = await options.batches.next();
          if (next.done) {
            if (options.tail) controller.enqueue(encoder.encode(options.tail()));
            await finish(true);
            controller.close();
            return;
          }
          rows += next.value.length;
          controller.enqueue(options.encode(next.value));
        } catch (error) {
          await finish(false).catch(() => undefined);
          controller.error(error);
        }
      },
      async cancel() {
        await options.batches.return?.();
        await finish(false);
      },
    },
    { highWaterMark: 0 },
  );
}
