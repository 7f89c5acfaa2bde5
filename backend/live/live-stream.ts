import type { ChangeSignal } from './stream-hub';
import { sseComment, sseEvent, sseRetry } from './sse';

/** One position of a stream, and what to send for it. */
export interface LiveRow {
  /** The position: the SSE id, which a client resumes after. */
  id: string;
  /** The SSE event name. */
  event: string;
  /** The frame's data (JSON); null when nothing is to be sent for this position, only moved past. */
  json: string | null;
}

export interface LiveOptions {
  /** The changes of the rows this stream reads (StreamHub.signalOf). */
  changes: ChangeSignal;
  /** The id after which to start (the last id the client has, or the newest id at connect). */
  lastId: string;
  /** The rows with a position after lastId, in position order, at most one batch. */
  rowsAfter(lastId: string): Promise<LiveRow[]>;
  /** A comment goes out when nothing else has for this long. */
  heartbeatMs: number;
  /** The request's signal: it aborts when the client goes away. */
  signal: AbortSignal;
  /** Called once when the stream ends for any reason (client gone, error). */
  onClose(): void;
}

const RETRY_MS = 2_000;

/**
 * The body of one SSE connection. It is pulled: a batch is read only when
 * the client has taken the previous one, so a slow client holds one batch,
 * not a growing queue. Each pull sends the rows after the last sent id, or
 * waits for the next change (or the heartbeat) and looks again. Because a
 * row is sent only after every lower position has been, and positions grow
 * with commit order (the caller's rowsAfter guarantees it), a reconnect with
 * the last id misses nothing and repeats nothing.
 */
export function liveStream(options: LiveOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const stop = new AbortController();
  let lastId = options.lastId;
  let lastSentAt = Date.now();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    stop.abort();
    options.onClose();
  };

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        // Either the server cancels the body (cancel below) or the request
        // aborts first; both end the work and free the stream's slot.
        const onAbort = () => {
          close();
          try {
            controller.close();
          } catch {
            // already closed or cancelled
          }
        };
        controller.enqueue(encoder.encode(sseRetry(RETRY_MS)));
        if (options.signal.aborted) onAbort();
        else options.signal.addEventListener('abort', onAbort, { once: true });
      },
      async pull(controller) {
        try {
          while (!closed) {
            const version = options.changes.version;
            const rows = await options.rowsAfter(lastId);
            if (closed) return;
            if (rows.length > 0) {
              lastId = rows.at(-1)!.id;
              const frames = rows.flatMap((r) => (r.json === null ? [] : [sseEvent(r.id, r.event, r.json)]));
              if (frames.length === 0) continue;
              controller.enqueue(encoder.encode(frames.join('')));
              lastSentAt = Date.now();
              return;
            }
            const quietFor = Date.now() - lastSentAt;
            const committed = await options.changes.waitForCommit(version, Math.max(0, options.heartbeatMs - quietFor), stop.signal);
            if (closed) return;
            if (!committed) {
              controller.enqueue(encoder.encode(sseComment('heartbeat')));
              lastSentAt = Date.now();
              return;
            }
          }
        } catch (error) {
          close();
          controller.error(error);
        }
      },
      cancel() {
        close();
      },
    },
    // Nothing is read ahead of the client: a pull happens only when it asks.
    { highWaterMark: 0 },
  );
}

