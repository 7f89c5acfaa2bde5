import { authSession } from '../session/session-items';
import { downloadBlob } from './download';
import type { ExportDeps } from './export-model';

/**
 * The export's dependencies on an extension page: the session the
 * background keeps in storage.session (extension pages may read it; content
 * scripts and web pages may not), the page's fetch, and a download link.
 */
export function browserExportDeps(document: Document): ExportDeps {
  return {
    fetch: globalThis.fetch.bind(globalThis),
    async session() {
      const stored = await authSession.getValue();
      if (!stored || Date.parse(stored.expiresAt) <= Date.now()) return null;
      return { token: stored.token, backendUrl: stored.backendUrl };
    },
    // The API names no workspace to its members yet; the backend's address tells one workspace's files from another's.
    workspaceName: async (session) => new URL(session.backendUrl).host,
    now: () => new Date(),
    save: (blob, name) => downloadBlob(document, blob, name),
  };
}
