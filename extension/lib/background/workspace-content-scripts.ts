import { MANIFEST_HOST_PATTERNS } from '../session/host-permission';
import { matchPatternOf } from '../settings/workspace-origin';
import type { WorkspacePattern } from '../settings/workspace-patterns';

/** The id of the run-time registration that carries the panel to workspaces added in the options. */
export const WORKSPACE_SCRIPT_ID = 'auditdesk-workspaces';

/** The panel's content script as `wxt build` writes it (the audit-panel.content entrypoint). */
export const PANEL_SCRIPT_FILE = 'content-scripts/audit-panel.js';

/** The part of browser.scripting and browser.permissions this uses (fakes in tests). */
export interface ContentScriptApis {
  getRegisteredContentScripts(filter: { ids: string[] }): Promise<Array<{ id: string }>>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
  registerContentScripts(scripts: Array<{ id: string; matches: string[]; js: string[]; runAt: 'document_start'; persistAcrossSessions: boolean }>): Promise<void>;
  /** permissions.contains for one origin pattern. */
  hasHostPermission(host: string): Promise<boolean>;
}

/**
 * Registers the panel's content script for the workspace origins beyond the
 * manifest's localhost ones; a host the user has not granted is left out
 * (the browser would refuse to inject there anyway). Match patterns cannot
 * name a port, so this is only where the script may start: it starts the
 * panel on the workspace origins alone. Replaces the previous registration,
 * so removing a pattern withdraws it.
 * @returns the match patterns the panel is now registered for.
 */
export async function syncWorkspaceContentScripts(patterns: readonly WorkspacePattern[], apis: ContentScriptApis): Promise<string[]> {
  const wanted = [...new Set(patterns.map((pattern) => matchPatternOf(pattern.origin)))].filter((host) => !MANIFEST_HOST_PATTERNS.includes(host));
  const granted: string[] = [];
  for (const host of wanted) if (await apis.hasHostPermission(host)) granted.push(host);

  const existing = await apis.getRegisteredContentScripts({ ids: [WORKSPACE_SCRIPT_ID] });
  if (existing.length > 0) await apis.unregisterContentScripts({ ids: [WORKSPACE_SCRIPT_ID] });
  if (granted.length > 0) {
    await apis.registerContentScripts([
      { id: WORKSPACE_SCRIPT_ID, matches: granted, js: [PANEL_SCRIPT_FILE], runAt: 'document_start', persistAcrossSessions: true },
    ]);
  }
  return granted;
}
