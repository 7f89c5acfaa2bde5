import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { workspacePatternsWith } from './workspace-pattern-defaults';
import { KUSTOMER_PATH, workspacePatterns } from './workspace-patterns';
import { WorkspaceSettingsModel } from './workspace-settings-model';

const BACKEND_WORKSPACE = workspacePatternsWith([], 'http://127.0.0.1:8787');

function setup(granted = true) {
  const requestHostPermission = vi.fn(async () => granted);
  const model = new WorkspaceSettingsModel({
    load: () => workspacePatterns.getValue(),
    save: (patterns) => workspacePatterns.setValue(patterns),
    loadBackendWorkspace: async () => BACKEND_WORKSPACE,
    requestHostPermission,
  });
  return { model, requestHostPermission };
}

describe('the workspace settings', () => {
  beforeEach(() => fakeBrowser.reset());

  it("shows the signed-in backend's workspace, which is always on, and nothing added yet", async () => {
    const { model } = setup();
    await model.load();

    expect(model.backendPatterns.value).toContainEqual({ origin: 'http://127.0.0.1:8787', path: '/workspace/conversations/:id' });
    expect(model.patterns.value).toEqual([]);
  });

  it('adds the Kustomer page for a new origin once the user grants its host', async () => {
    const { model, requestHostPermission } = setup();
    await model.load();

    model.useKustomerPreset();
    model.origin.value = 'https://acme.kustomer.com/app/customers';
    await model.add();

    expect(requestHostPermission).toHaveBeenCalledWith('https://acme.kustomer.com/*');
    expect(await workspacePatterns.getValue()).toEqual([{ origin: 'https://acme.kustomer.com', path: KUSTOMER_PATH }]);
    expect(model.origin.value).toBe('');
    expect(model.error.value).toBeNull();
  });

  it('saves nothing when the user refuses the host permission', async () => {
    const { model } = setup(false);
    await model.load();
    model.origin.value = 'https://acme.kustomer.com';
    model.path.value = '/customers/:customerId';

    await model.add();

    expect(model.error.value).toBe('The panel can only appear on https://acme.kustomer.com with your permission.');
    expect(await workspacePatterns.getValue()).toEqual([]);
  });

  it('keeps the port of a page on this machine, and needs no permission for it', async () => {
    const { model, requestHostPermission } = setup();
    await model.load();
    model.origin.value = 'localhost:3000';
    model.path.value = '/tickets/:conversationId';

    await model.add();

    expect(requestHostPermission).not.toHaveBeenCalled();
    expect(model.patterns.value).toEqual([{ origin: 'http://localhost:3000', path: '/tickets/:conversationId' }]);
  });

  it('explains a path it cannot use', async () => {
    const { model } = setup();
    await model.load();
    model.origin.value = 'https://acme.test';
    model.path.value = 'customers/:id?x=1';

    await model.add();

    expect(model.error.value).toBe('The path must be a path like /customers/:customerId.');
  });

  it("refuses the backend's own workspace page again", async () => {
    const { model } = setup();
    await model.load();
    model.origin.value = 'http://127.0.0.1:8787';
    model.path.value = '/workspace/conversations/:id';

    await model.add();

    expect(model.error.value).toBe('That workspace page is already in the list.');
  });

  it('removes an added pattern', async () => {
    const { model } = setup();
    await workspacePatterns.setValue([{ origin: 'https://a.test', path: '/c/:conversationId' }, { origin: 'https://b.test', path: '/c/:conversationId' }]);
    await model.load();

    await model.remove(0);

    expect(await workspacePatterns.getValue()).toEqual([{ origin: 'https://b.test', path: '/c/:conversationId' }]);
  });
});
