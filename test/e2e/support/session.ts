import type { Role } from '../../../shared/enums';
import { EMAILS, type E2eBackend, PASSWORD, startBackend } from './backend';
import { type ExtensionBrowser, launchWithExtension } from './chromium';
import { PopupPage } from './popup-page';
import { WorkspacePage } from './workspace-page';

/** One test file's world: a backend of its own and one Chromium with the extension, reused by its tests. */
export interface E2eSession {
  backend: E2eBackend;
  ext: ExtensionBrowser;
  /** Signs the extension in through its popup (bearer token kept by the background), then closes the popup. */
  signInExtension(role: Role): Promise<void>;
  /** A new workspace tab, signed in (the cookie session is shared by the browser's tabs). */
  workspaceTab(role?: Role): Promise<WorkspacePage>;
  /** The extension and the workspace signed in as `role`, a tab on the conversation with its panel open. */
  panelOnConversation(role: Role, conversationId: string): Promise<WorkspacePage>;
  close(): Promise<void>;
}

export async function startSession(): Promise<E2eSession> {
  const backend = await startBackend();
  let ext: ExtensionBrowser;
  try {
    ext = await launchWithExtension();
  } catch (error) {
    await backend.stop();
    throw error;
  }
  const signedInWorkspace = new Set<Role>();
  const session: E2eSession = {
    backend,
    ext,
    async signInExtension(role) {
      const popup = await PopupPage.open(ext);
      await popup.signIn({ backendUrl: backend.url, email: EMAILS[role], password: PASSWORD });
      await popup.close();
    },
    async workspaceTab(role) {
      const tab = await WorkspacePage.open(ext.browser, backend.url);
      if (role && !signedInWorkspace.has(role)) {
        await tab.signIn(EMAILS[role], PASSWORD);
        signedInWorkspace.clear();
        signedInWorkspace.add(role);
      }
      return tab;
    },
    async panelOnConversation(role, conversationId) {
      await session.signInExtension(role);
      const tab = await session.workspaceTab(role);
      await tab.openConversation(conversationId);
      await tab.panel.open();
      return tab;
    },
    async close() {
      // The browser first: it holds the extension's live stream to the backend open.
      await ext.close();
      await backend.stop();
    },
  };
  return session;
}
