import { MatchPattern } from 'wxt/utils/match-patterns';
import type { WorkspacePattern } from '../settings/workspace-patterns';
import { matchPath } from '../subject/path-patterns';
import { pathsForPage } from '../subject/workspace-paths';

/** What the background knows about who sent a message or opened a port. */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: unknown;
}

/**
 * Where a message came from:
 * - `extension_page`: the popup or options page (their URL is under the
 *   extension's own origin, which no web page and no content script has);
 * - `workspace_page`: the panel's content script on a page that matches a
 *   configured workspace pattern;
 * - `foreign`: anything else, including another extension.
 */
export type SenderKind = 'extension_page' | 'workspace_page' | 'foreign';

export interface SenderContext {
  /** browser.runtime.id */
  extensionId: string;
  /** browser.runtime.getURL('/') */
  extensionBaseUrl: string;
  workspacePatterns: readonly WorkspacePattern[];
}

/** Classifies a sender; only messages from this extension itself are ever trusted. */
export function senderKindOf(sender: SenderInfo, context: SenderContext): SenderKind {
  if (!sender.id || sender.id !== context.extensionId || !sender.url) return 'foreign';
  if (sender.url.startsWith(context.extensionBaseUrl)) return 'extension_page';
  // Content scripts always come with their tab; a tab-less sender outside the extension origin is not one.
  if (sender.tab && isWorkspacePage(sender.url, context.workspacePatterns)) return 'workspace_page';
  return 'foreign';
}

/**
 * A page the panel would show a subject on: its host is a configured
 * workspace host and its path one of the subject paths that apply there
 * (the same rule the panel's subject detection follows).
 */
function isWorkspacePage(href: string, patterns: readonly WorkspacePattern[]): boolean {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  if (!patterns.some((pattern) => hostMatches(pattern.host, url))) return false;
  return pathsForPage(patterns, url).some((path) => matchPath(path, url.pathname) !== null);
}

function hostMatches(host: string, url: URL): boolean {
  try {
    // As a string: MatchPattern tests `instanceof Location`, which throws in a service worker.
    return new MatchPattern(host).includes(url.href);
  } catch {
    // A stored pattern the match-pattern parser refuses matches nothing.
    return false;
  }
}
