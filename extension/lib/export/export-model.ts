import { batch, createModel, effect, signal } from '@preact/signals';
import { ExportFailure, interrupted, NOT_SIGNED_IN, refusalOf, unreachable } from './export-failure';
import { type ExportFormat, FORMAT_TYPES } from './export-format';
import { exportFilterOf, exportUrl } from './export-url';
import { exportFileName } from './file-name';
import { rowCounter } from './row-counter';

/** The session the export streams with: the token and backend the background keeps in storage.session. */
export interface ExportSession {
  token: string;
  backendUrl: string;
}

export interface ExportDeps {
  fetch: typeof fetch;
  /** The signed-in session, or null when signed out (or expired). */
  session(): Promise<ExportSession | null>;
  /** The workspace's name, for the file name (never fails: a name to fall back on instead). */
  workspaceName(session: ExportSession): Promise<string>;
  now(): Date;
  /** Hands the finished file to the browser's downloads. */
  save(blob: Blob, name: string): void;
}

export type ExportStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

/**
 * One export of the log at a time, as CSV or JSONL. The page streams
 * `/audit/export` itself (a million rows could not travel through extension
 * messages), counts the rows as the bytes arrive while the browser keeps
 * them in a Blob, and saves the file once the last byte is in: a file cut
 * short is never saved, since it would pass for the whole log. Cancel aborts
 * the download; the backend records the export as incomplete.
 */
export const ExportModel = createModel((deps: ExportDeps) => {
  const format = signal<ExportFormat>('csv');
  const status = signal<ExportStatus>('idle');
  /** Rows received so far (the whole file's once done). */
  const rows = signal(0);
  /** The saved file's name, once done. */
  const fileName = signal<string | null>(null);
  const error = signal<string | null>(null);
  let running: AbortController | null = null;

  async function download(params: string, chosen: ExportFormat, signal: AbortSignal): Promise<{ rows: number; name: string }> {
    const session = await deps.session();
    if (!session) throw new ExportFailure(NOT_SIGNED_IN);
    const filter = exportFilterOf(params);
    const startedAt = deps.now();
    const workspace = deps.workspaceName(session);
    let response: Response;
    try {
      response = await deps.fetch(exportUrl(session.backendUrl, chosen, filter), {
        headers: { authorization: `Bearer ${session.token}` },
        credentials: 'omit',
        cache: 'no-store',
        signal,
      });
    } catch (cause) {
      if (signal.aborted) throw cause;
      throw unreachable(session.backendUrl);
    }
    if (!response.ok) throw await refusalOf(response);
    if (!response.body) throw interrupted(0);

    // The browser gathers the file into a Blob itself, from one branch of the body, off the
    // page's JavaScript; the page reads the other branch only to count. Sealing Blob parts
    // from JavaScript instead took 40–85 ms of the page's main thread per 1–8 MB (measured
    // under load), long enough to delay a key press.
    const [forFile, forCount] = response.body.tee();
    const file = new Response(forFile, { headers: { 'content-type': FORMAT_TYPES[chosen] } }).blob();
    // Its failure is the count's failure, reported below.
    file.catch(() => undefined);
    const counter = rowCounter(chosen);
    const reader = forCount.getReader();
    // fetch's abort errors the body too; cancelling the reader also ends a read waiting on a body that abort does not reach.
    signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (cause) {
        if (signal.aborted) throw cause;
        throw interrupted(rows.peek());
      }
      signal.throwIfAborted();
      if (next.done) break;
      rows.value = counter.add(next.value);
    }
    let blob: Blob;
    try {
      blob = await file;
    } catch (cause) {
      if (signal.aborted) throw cause;
      throw interrupted(rows.peek());
    }
    const name = exportFileName({ workspace: await workspace, params: filter, at: startedAt, format: chosen });
    deps.save(blob, name);
    return { rows: counter.end(), name };
  }

  // A page closed mid-export stops the download with it.
  effect(() => () => running?.abort());

  return {
    format,
    status,
    rows,
    fileName,
    error,

    /** Exports the rows the filter (the API's parameters, URLSearchParams form) matches, in the chosen format. */
    async start(params: string) {
      if (running) return;
      const controller = new AbortController();
      running = controller;
      batch(() => {
        status.value = 'running';
        rows.value = 0;
        fileName.value = null;
        error.value = null;
      });
      try {
        const done = await download(params, format.peek(), controller.signal);
        batch(() => {
          rows.value = done.rows;
          fileName.value = done.name;
          status.value = 'done';
        });
      } catch (cause) {
        if (controller.signal.aborted) {
          status.value = 'cancelled';
        } else {
          if (!(cause instanceof ExportFailure)) console.error('[auditdesk] export failed', cause);
          batch(() => {
            error.value = cause instanceof ExportFailure ? cause.message : 'The export failed in the Auditdesk extension. Try again.';
            status.value = 'failed';
          });
        }
      } finally {
        running = null;
      }
    },

    /** Stops the export in progress; nothing is saved. */
    cancel() {
      running?.abort();
    },
  };
});

export type ExportModel = InstanceType<typeof ExportModel>;
