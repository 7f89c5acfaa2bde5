import { browser } from 'wxt/browser';
import { BACKEND_URL_KEY, WORKSPACE_PATTERNS_KEY, workspacePatternsWith } from './workspace-pattern-defaults';
import type { WorkspacePattern } from './workspace-patterns';

/*
 * The workspace patterns as the content script reads them: straight from
 * storage.local, under the keys where the `workspacePatterns` and
 * `lastBackendUrl` items keep them. Not through WXT's storage: that library
 * and its dependencies are a tenth of the content script, which has a size budget.
 */

function isPattern(value: unknown): value is WorkspacePattern {
  const pattern = value as Partial<WorkspacePattern> | null;
  return typeof pattern?.origin === 'string' && typeof pattern.path === 'string';
}

// The options page validated what it saved; this only keeps a damaged (or not yet migrated) value from breaking the page.
function patternsIn(stored: Record<string, unknown>): WorkspacePattern[] {
  const added = stored[WORKSPACE_PATTERNS_KEY];
  const backendUrl = stored[BACKEND_URL_KEY];
  return workspacePatternsWith(Array.isArray(added) ? added.filter(isPattern) : [], typeof backendUrl === 'string' ? backendUrl : undefined);
}

/** The workspace patterns in effect: the signed-in backend's workspace and the options' ones. */
export async function readWorkspacePatterns(): Promise<WorkspacePattern[]> {
  return patternsIn(await browser.storage.local.get([WORKSPACE_PATTERNS_KEY, BACKEND_URL_KEY]));
}

/**
 * Calls `listener` with the patterns each time the options or the signed-in backend change them.
 * @returns a function that stops watching.
 */
export function watchWorkspacePatterns(listener: (patterns: WorkspacePattern[]) => void): () => void {
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && (WORKSPACE_PATTERNS_KEY in changes || BACKEND_URL_KEY in changes)) void readWorkspacePatterns().then(listener);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
