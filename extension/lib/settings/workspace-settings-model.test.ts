import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_WORKSPACE_PATTERNS, KUSTOMER_PATH, workspacePatterns } from './workspace-patterns';
import { WorkspaceSettingsModel, hostPatternOf } from './workspace-settings-model';

function setup(granted = true) {
  const requestHostPermission = vi.fn(async () => granted);
  const model = new WorkspaceSettingsModel({
    load: () => workspacePatterns.getValue(),
    save: (patterns) => workspacePatterns.setValue(patterns),
    requestHostPermission,
  });
  return { model, requestHostPermission };
}

describe('the workspace settings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('starts with the demo workspace on this machine', async () => {
    const { model } = setup();
    await model.load();

    expect(model.patterns.value).toEqual(DEFAULT_WORKSPACE_PATTERNS);
    expect(model.patterns.value).toContainEqual({ host: 'http://localhost/*', path: '/workspace/conversations/:id' });
  });

  it('adds the Kustomer page for a new host once the user grants that host', async () => {
    const { model, requestHostPermission } = setup();
    await model.load();

    model.useKustomerPreset();
    model.host.value = 'https://acme.kustomer.com/app/customers';
    await model.add();

    expect(requestHostPermission).toHaveBeenCalledWith('https://acme.kustomer.com/*');
    expect(await workspacePatterns.getValue()).toContainEqual({ host: 'https://acme.kustomer.com/*', path: KUSTOMER_PATH });
    expect(model.host.value).toBe('');
    expect(model.error.value).toBeNull();
  });

  it('saves nothing when the user refuses the host permission', async () => {
    const { model } = setup(false);
    await model.load();
    model.host.value = 'https://acme.kustomer.com/*';
    model.path.value = '/customers/:customerId';

    await model.add();

    expect(model.error.value).toBe('The panel can only appear on https://acme.kustomer.com/* with your permission.');
    expect(await workspacePatterns.getValue()).toEqual(DEFAULT_WORKSPACE_PATTERNS);
  });

  it('needs no permission for a page on this machine', async () => {
    const { model, requestHostPermission } = setup();
    await model.load();
    model.host.value = 'http://localhost:3000';
    model.path.value = '/tickets/:conversationId';

    await model.add();

    expect(requestHostPermission).not.toHaveBeenCalled();
    expect(model.patterns.value.at(-1)).toEqual({ host: 'http://localhost/*', path: '/tickets/:conversationId' });
  });

  it('explains a path it cannot use', async () => {
    const { model } = setup();
    await model.load();
    model.host.value = 'https://acme.test';
    model.path.value = 'customers/:id?x=1';

    await model.add();

    expect(model.error.value).toBe('The path must be a path like /customers/:customerId.');
  });

  it('removes a pattern', async () => {
    const { model } = setup();
    await model.load();

    await model.remove(0);

    expect(await workspacePatterns.getValue()).toEqual(DEFAULT_WORKSPACE_PATTERNS.slice(1));
  });

  it('reads a pasted URL as the host pattern of its site', () => {
    expect(hostPatternOf('https://Acme.Kustomer.com/app/customers/1')).toBe('https://acme.kustomer.com/*');
    expect(hostPatternOf('acme.kustomer.com')).toBe('https://acme.kustomer.com/*');
    expect(hostPatternOf('https://*.kustomer.com/*')).toBe('https://*.kustomer.com/*');
  });
});
