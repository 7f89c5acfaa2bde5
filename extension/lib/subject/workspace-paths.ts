import { MatchPattern } from 'wxt/utils/match-patterns';
import type { WorkspacePattern } from '../settings/workspace-patterns';
import { DEFAULT_SUBJECT_PATHS } from './path-patterns';

function hostMatches(host: string, url: URL | Location): boolean {
  try {
    // As a string: MatchPattern tests `instanceof Location`, which throws in
    // the service worker (it has no Location), where the background calls this.
    return new MatchPattern(host).includes(url.href);
  } catch {
    // A pattern the match-pattern parser refuses never matches.
    return false;
  }
}

/**
 * The path patterns that apply on the page at `url`: those configured for
 * its host, then the built-in ones.
 */
export function pathsForPage(patterns: readonly WorkspacePattern[], url: URL | Location): string[] {
  const configured = patterns.filter((pattern) => hostMatches(pattern.host, url)).map((pattern) => pattern.path);
  return [...new Set([...configured, ...DEFAULT_SUBJECT_PATHS])];
}
