import { originMatches } from '../settings/workspace-origin';
import type { WorkspacePattern } from '../settings/workspace-patterns';
import { DEFAULT_SUBJECT_PATHS } from './path-patterns';

/** Whether the page at `url` is on one of the workspaces' origins (scheme, host and port). */
export function isWorkspaceUrl(patterns: readonly WorkspacePattern[], url: URL | Location): boolean {
  return patterns.some((pattern) => originMatches(pattern.origin, url));
}

/**
 * The path patterns that apply on the page at `url`: those configured for
 * its origin, then the built-in ones.
 */
export function pathsForPage(patterns: readonly WorkspacePattern[], url: URL | Location): string[] {
  const configured = patterns.filter((pattern) => originMatches(pattern.origin, url)).map((pattern) => pattern.path);
  return [...new Set([...configured, ...DEFAULT_SUBJECT_PATHS])];
}
