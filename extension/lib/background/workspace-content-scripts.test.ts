import { describe, expect, it, vi } from 'vitest';
import { workspacePatternsWith } from '../settings/workspace-pattern-defaults';
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

describe('registering the panel for workspaces beyond this machine', () => {
  it("registers the panel script for the granted hosts of the workspace origins, the signed-in backend's included", async () => {
    const apis = fakeApis(['https://acme.kustomer.com/*', 'https://audit.acme.test/*']);
    const patterns = workspacePatternsWith(
      [
        { origin: 'https://acme.kustomer.com', path: '/app/customers/:customerId/event/:conversationId' },
        { origin: 'https://not-granted.test', path: '/c/:conversationId' },
      ],
      'https://audit.acme.test',
    );

    expect(await syncWorkspaceContentScripts(patterns, apis)).toEqual(['https://audit.acme.test/*', 'https://acme.kustomer.com/*']);

    expect(apis.registerContentScripts).toHaveBeenCalledWith([
      {
        id: WORKSPACE_SCRIPT_ID,
        matches: ['https://audit.acme.test/*', 'https://acme.kustomer.com/*'],
        js: [PANEL_SCRIPT_FILE],
        runAt: 'document_start',
        persistAcrossSessions: true,
      },
    ]);
  });

  it('withdraws the registration when only workspaces on this machine are left (the manifest covers them)', async () => {
    const apis = fakeApis([], [WORKSPACE_SCRIPT_ID]);

    await syncWorkspaceContentScripts(workspacePatternsWith([{ origin: 'http://localhost:3000', path: '/c/:id' }], 'http://127.0.0.1:8787'), apis);

    expect(apis.unregisterContentScripts).toHaveBeenCalledWith({ ids: [WORKSPACE_SCRIPT_ID] });
    expect(apis.registerContentScripts).not.toHaveBeenCalled();
  });
});
