import { ApiClient } from '../../../shared/api-client';
import { authSession } from '../session/session-items';
import { downloadBlob } from './download';
import { exportInWorker } from './worker-export';
import type { ExportDeps } from './export-model';

/**
 * The export's dependencies on an extension page: the session the
 * background keeps in storage.session (extension pages may read it; content
 * scripts and web pages may not), a worker that downloads, the workspace's name
 * (GET /auth/me, the one other request the page makes itself), and a
 * download link.
 */
export function browserExportDeps(document: Document): ExportDeps {
  return {
    // On a worker: counting and gathering 390 MB on the page's own thread (and collecting
    // its garbage) held up key presses by up to 160 ms; the worker leaves the page idle.
    stream: exportInWorker,
    async session() {
      const stored = await authSession.getValue();
      if (!stored || Date.parse(stored.expiresAt) <= Date.now()) return null;
      return { token: stored.token, backendUrl: stored.backendUrl };
    },
    async workspaceName(session) {
      try {
        const me = await new ApiClient({ baseUrl: session.backendUrl, token: session.token }).me();
        if (me.orgName) return me.orgName;
      } catch {
        // The name only labels the file: the backend's address does too.
      }
      return new URL(session.backendUrl).host;
    },
    now: () => new Date(),
    save: (blob, name) => downloadBlob(document, blob, name),
  };
}
