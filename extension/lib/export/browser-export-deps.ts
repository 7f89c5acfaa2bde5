import { ApiClient } from '../../../shared/api-client';
import { authSession } from '../session/session-items';
import { downloadBlob } from './download';
import type { ExportDeps } from './export-model';

/**
 * The export's dependencies on an extension page: the session the
 * background keeps in storage.session (extension pages may read it; content
 * scripts and web pages may not), the page's fetch, the workspace's name
 * (GET /auth/me, the one other request the page makes itself), and a
 * download link.
 */
export function browserExportDeps(document: Document): ExportDeps {
  return {
    fetch: globalThis.fetch.bind(globalThis),
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
