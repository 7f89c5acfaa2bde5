import type { WorkspacePattern } from './workspace-patterns';

/*
 * The workspace patterns' storage keys and the rule for the default
 * workspace, apart from the storage items and the schemas: the content
 * script needs them without WXT's storage library or valibot (see
 * stored-workspace-patterns.ts).
 */

/** The storage.local key of the `workspacePatterns` item (the workspaces added in the options). */
export const WORKSPACE_PATTERNS_KEY = 'workspacePatterns';

/** The storage.local key of the `lastBackendUrl` item: the backend last signed in to. */
export const BACKEND_URL_KEY = 'backendUrl';

/** Where `npm start` serves (HOST defaults to 127.0.0.1, which `localhost` may not reach over IPv6). */
export const DEFAULT_BACKEND_URL = 'http://127.0.0.1:8787';

/** The agent workspace every Auditdesk backend serves, under its own origin. */
export const DEMO_WORKSPACE_PATHS = ['/workspace/customers/:id', '/workspace/conversations/:id'] as const;

/**
 * The workspaces the panel appears on: the backend's own workspace, at the
 * origin of the backend the user signs in to (the demo backend until then),
 * and those added in the options.
 */
export function workspacePatternsWith(added: readonly WorkspacePattern[], backendUrl: string | undefined): WorkspacePattern[] {
  let origin: string;
  try {
    origin = new URL(backendUrl ?? DEFAULT_BACKEND_URL).origin;
  } catch {
    origin = new URL(DEFAULT_BACKEND_URL).origin;
  }
  return [...DEMO_WORKSPACE_PATHS.map((path) => ({ origin, path })), ...added];
}
