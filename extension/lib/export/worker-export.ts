import { ExportFailure } from './export-failure';
import type { WorkerMessage } from './export-worker';
import type { ExportRequest, StreamedExport } from './stream-export';

/**
 * streamExport on a worker of its own (export-worker.ts). Aborting ends the
 * worker, and with it the download.
 */
export function exportInWorker(request: ExportRequest, signal: AbortSignal, onRows: (rows: number) => void): Promise<StreamedExport> {
  return new Promise((resolve, reject) => {
    signal.throwIfAborted();
    const worker = new Worker(new URL('./export-worker.ts', import.meta.url), { type: 'module' });
    const end = () => {
      worker.terminate();
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      end();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    worker.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.type === 'progress') return onRows(message.rows);
      end();
      if (message.type === 'done') {
        onRows(message.rows);
        resolve({ blob: message.blob, rows: message.rows });
      } else reject(message.message === null ? new Error('the export worker failed') : new ExportFailure(message.message));
    });
    worker.addEventListener('error', (event) => {
      end();
      reject(new Error(`the export worker did not run: ${event.message}`));
    });
    worker.postMessage(request);
  });
}
