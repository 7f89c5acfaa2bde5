import { browser } from 'wxt/browser';
import { DEFAULT_WORKSPACE_PATTERNS, WORKSPACE_PATTERNS_KEY } from './workspace-pattern-defaults';
import type { WorkspacePattern } from './workspace-patterns';

/*
 * The workspace patterns as the content script reads them: straight from
 * storage.local, under the key where the `workspacePatterns` item (options
 * page, background) keeps them. Not through WXT's storage: that library and
 * its dependencies are a tenth of the content script, which has a size budget.
 */

function isPattern(value: unknown): value is WorkspacePattern {
  const pattern = value as Partial<WorkspacePattern> | null;
  return typeof pattern?.host === 'string' && typeof pattern.path === 'string';
}

// The options page validated what it saved; this only keeps a damaged value from breaking the page.
function patternsIn(value: unknown): WorkspacePattern[] {
  return Array.isArray(value) ? value.filter(isPattern) : DEFAULT_WORKSPACE_PATTERNS;
}

/** The configured workspace patterns (the defaults until the options change them). */
export async function readWorkspacePatterns(): Promise<WorkspacePattern[]> {
  const stored = await browser.storage.local.get(WORKSPACE_PATTERNS_KEY);
  return patternsIn(stored[WORKSPACE_PATTERNS_KEY]);
}

/**
 * Calls `listener` with the patterns each time the options change them.
 * @returns a function that stops watching.
 */
export function watchWorkspacePatterns(listener: (patterns: WorkspacePattern[]) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && WORKSPACE_PATTERNS_KEY in changes) listener(patternsIn(changes[WORKSPACE_PATTERNS_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
