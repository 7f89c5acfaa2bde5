import { blobParts } from './blob-parts';
import { interrupted, refusalOf, unreachable } from './export-failure';
import { type ExportFormat, FORMAT_TYPES } from './export-format';
import { rowCounter } from './row-counter';

/** One download of `/audit/export`: where, with which token, in which format. */
export interface ExportRequest {
  /** The whole URL, filter included (exportUrl). */
  url: string;
  token: string;
  /** Named in the message when it cannot be reached. */
  backendUrl: string;
  format: ExportFormat;
}

export interface StreamedExport {
  blob: Blob;
  rows: number;
}

/**
 * Downloads an export into a Blob, counting its rows as the bytes arrive
 * (`onRows` after each chunk). Fails with an ExportFailure saying what went
 * wrong; a download cut off midway fails too, so a file missing its end is
 * never handed on as the whole log. Aborting `signal` rejects with its reason.
 */
export async function streamExport(fetch: typeof globalThis.fetch, request: ExportRequest, signal: AbortSignal, onRows: (rows: number) => void): Promise<StreamedExport> {
  let response: Response;
  try {
    response = await fetch(request.url, { headers: { authorization: `Bearer ${request.token}` }, credentials: 'omit', cache: 'no-store', signal });
  } catch (cause) {
    if (signal.aborted) throw cause;
    throw unreachable(request.backendUrl);
  }
  if (!response.ok) throw await refusalOf(response);
  if (!response.body) throw interrupted(0);

  const counter = rowCounter(request.format);
  const parts = blobParts();
  const reader = response.body.getReader();
  // fetch's abort errors the body too; cancelling the reader also ends a read waiting on a body that abort does not reach.
  signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
  let rows = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch (cause) {
      if (signal.aborted) throw cause;
      throw interrupted(rows);
    }
    signal.throwIfAborted();
    if (next.done) break;
    parts.add(next.value);
    rows = counter.add(next.value);
    onRows(rows);
  }
  return { blob: parts.blob(FORMAT_TYPES[request.format]), rows: counter.end() };
}
