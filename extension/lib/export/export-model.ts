import { batch, createModel, effect, signal } from '@preact/signals';
import { ExportFailure, NOT_SIGNED_IN } from './export-failure';
import type { ExportFormat } from './export-format';
import { exportFilterOf, exportUrl } from './export-url';
import { exportFileName } from './file-name';
import type { ExportRequest, StreamedExport } from './stream-export';

/** The session the export streams with: the token and backend the background keeps in storage.session. */
export interface ExportSession {
  token: string;
  backendUrl: string;
}

export interface ExportDeps {
  /** Downloads the export into a Blob, counting rows as they arrive (streamExport, on a worker in the page). */
  stream(request: ExportRequest, signal: AbortSignal, onRows: (rows: number) => void): Promise<StreamedExport>;
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
 * One export of the log at a time, as CSV or JSONL. The page downloads
 * `/audit/export` itself (a million rows could not travel through extension
 * messages) with the session's token, shows the rows counted as the bytes
 * arrive, and saves the file once the last byte is in: a file cut short is
 * never saved, since it would pass for the whole log. Cancel aborts the
 * download; the backend records the export as incomplete.
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
    const request: ExportRequest = { url: exportUrl(session.backendUrl, chosen, filter), token: session.token, backendUrl: session.backendUrl, format: chosen };
    const { blob, rows: total } = await deps.stream(request, signal, (counted) => (rows.value = counted));
    const name = exportFileName({ workspace: await workspace, params: filter, at: startedAt, format: chosen });
    deps.save(blob, name);
    return { rows: total, name };
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
