import type { WorkspacePattern } from '../settings/workspace-patterns';
import { isWorkspaceUrl } from '../subject/workspace-paths';

/** The panel's own page (the `panel` entrypoint), shown in a frame on workspace pages. */
export const PANEL_PAGE = 'panel.html';

/** What the background knows about who sent a message or opened a port (runtime.MessageSender). */
export interface SenderInfo {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
}

/**
 * Where a message came from:
 * - `extension_page`: the popup or options page (under the extension's own
 *   origin, which no web page and no content script has);
 * - `panel`: the panel's page, framed by the content script in the top
 *   frame of a tab that shows a configured workspace origin;
 * - `workspace_script`: the content script in the top frame of a page on a
 *   configured workspace origin (scheme, host and port);
 * - `foreign`: anything else, including another extension and the panel's
 *   page framed anywhere else.
 */
export type SenderKind = 'extension_page' | 'panel' | 'workspace_script' | 'foreign';

export interface SenderContext {
  /** browser.runtime.id */
  extensionId: string;
  /** browser.runtime.getURL('/') */
  extensionBaseUrl: string;
  workspacePatterns: readonly WorkspacePattern[];
}

function isWorkspacePage(href: string | undefined, patterns: readonly WorkspacePattern[]): boolean {
  if (!href) return false;
  try {
    return isWorkspaceUrl(patterns, new URL(href));
  } catch {
    return false;
  }
}

/** Classifies a sender; only messages from this extension itself are ever trusted. */
export function senderKindOf(sender: SenderInfo, context: SenderContext): SenderKind {
  if (!sender.id || sender.id !== context.extensionId || !sender.url) return 'foreign';
  const panelUrl = `${context.extensionBaseUrl}${PANEL_PAGE}`;
  if (sender.url === panelUrl || sender.url.startsWith(`${panelUrl}#`) || sender.url.startsWith(`${panelUrl}?`)) {
    // A tab's top frame is frame 0: the panel is always a frame of the workspace page.
    return sender.tab && sender.frameId !== 0 && isWorkspacePage(sender.tab.url, context.workspacePatterns) ? 'panel' : 'foreign';
  }
  // No other page of the extension is web accessible, so no web page can frame one.
  if (sender.url.startsWith(context.extensionBaseUrl)) return 'extension_page';
  // Content scripts always come with their tab; only the top frame's runs the panel.
  if (sender.tab && sender.frameId === 0 && isWorkspacePage(sender.url, context.workspacePatterns)) return 'workspace_script';
  return 'foreign';
}
