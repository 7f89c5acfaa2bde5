import type { WorkspacePattern } from './workspace-patterns';

/*
 * The workspace patterns' storage key and defaults, apart from the storage
 * item and the schemas: the content script needs them without WXT's storage
 * library or valibot (see stored-workspace-patterns.ts).
 */

/** The storage.local key of the `workspacePatterns` item. */
export const WORKSPACE_PATTERNS_KEY = 'workspacePatterns';

/** The demo workspace served by the backend, on this machine. */
export const DEMO_WORKSPACE_PATHS = ['/workspace/customers/:id', '/workspace/conversations/:id'] as const;

export const DEFAULT_WORKSPACE_PATTERNS: WorkspacePattern[] = ['http://localhost/*', 'http://127.0.0.1/*'].flatMap(
  (host) => DEMO_WORKSPACE_PATHS.map((path) => ({ host, path })),
);
