import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_WORKSPACE_PATTERNS } from '../settings/workspace-patterns';
import { type ContentScriptApis, PANEL_SCRIPT_FILE, WORKSPACE_SCRIPT_ID, syncWorkspaceContentScripts } from './workspace-content-scripts';

function fakeApis(granted: string[], registered: string[] = []) {
  const apis = {
    getRegisteredContentScripts: vi.fn(async () => registered.map((id) => ({ id }))),
    unregisterContentScripts: vi.fn(async () => undefined),
    registerContentScripts: vi.fn(async () => undefined),
    hasHostPermission: vi.fn(async (host: string) => granted.includes(host)),
  } satisfies ContentScriptApis;
  return apis;
}

describe('registering the panel for workspaces added in the options', () => {
  it('registers the panel script for granted hosts beyond the manifest ones', async () => {
    const apis = fakeApis(['https://acme.kustomer.com/*']);
    const patterns = [
      ...DEFAULT_WORKSPACE_PATTERNS,
      { host: 'https://acme.kustomer.com/*', path: '/app/customers/:customerId/event/:conversationId' },
      { host: 'https://not-granted.test/*', path: '/c/:conversationId' },
    ];

    expect(await syncWorkspaceContentScripts(patterns, apis)).toEqual(['https://acme.kustomer.com/*']);

    expect(apis.registerContentScripts).toHaveBeenCalledWith([
      { id: WORKSPACE_SCRIPT_ID, matches: ['https://acme.kustomer.com/*'], js: [PANEL_SCRIPT_FILE], runAt: 'document_idle', persistAcrossSessions: true },
    ]);
  });

  it('withdraws the registration when the last extra host is removed', async () => {
    const apis = fakeApis([], [WORKSPACE_SCRIPT_ID]);

    await syncWorkspaceContentScripts(DEFAULT_WORKSPACE_PATTERNS, apis);

    expect(apis.unregisterContentScripts).toHaveBeenCalledWith({ ids: [WORKSPACE_SCRIPT_ID] });
    expect(apis.registerContentScripts).not.toHaveBeenCalled();
  });
});
