import { ExportFailure } from './export-failure';
import { type ExportRequest, streamExport } from './stream-export';

/*
 * The export's dedicated worker: it downloads, counts and gathers the file
 * on its own thread, so neither the bytes nor their garbage collection ever
 * hold up the page's input. The page starts it with one ExportRequest,
 * hears WorkerMessages, and ends it (terminate) to cancel.
 */

/** What the worker tells the page. */
export type WorkerMessage =
  | { type: 'progress'; rows: number }
  | { type: 'done'; blob: Blob; rows: number }
  | { type: 'failed'; message: string | null };

/** Progress is posted at most this often: the page has nothing to do with finer steps. */
const PROGRESS_MS = 100;

const post = (message: WorkerMessage) => postMessage(message);

addEventListener('message', (event: MessageEvent<ExportRequest>) => {
  let last = 0;
  const onRows = (rows: number) => {
    const now = performance.now();
    if (now - last < PROGRESS_MS) return;
    last = now;
    post({ type: 'progress', rows });
  };
  streamExport(fetch, event.data, new AbortController().signal, onRows).then(
    ({ blob, rows }) => post({ type: 'done', blob, rows }),
    (cause: unknown) => {
      if (!(cause instanceof ExportFailure)) console.error('[auditdesk] export failed', cause);
      post({ type: 'failed', message: cause instanceof ExportFailure ? cause.message : null });
    },
  );
});
