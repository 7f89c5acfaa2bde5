import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readWorkspacePatterns, watchWorkspacePatterns } from './stored-workspace-patterns';
import { DEFAULT_WORKSPACE_PATTERNS, workspacePatterns } from './workspace-patterns';

const kustomer = { host: 'https://acme.kustomer.com/*', path: '/app/customers/:customerId/event/:conversationId' };

describe('the workspace patterns as the content script reads them', () => {
  beforeEach(() => fakeBrowser.reset());

  it('are the demo workspace until the options save others', async () => {
    expect(await readWorkspacePatterns()).toEqual(DEFAULT_WORKSPACE_PATTERNS);
  });

  it('are what the options page saved through the storage item', async () => {
    await workspacePatterns.setValue([kustomer]);
    expect(await readWorkspacePatterns()).toEqual([kustomer]);
  });

  it('follow the options as they change, until unwatched', async () => {
    const listener = vi.fn();
    const unwatch = watchWorkspacePatterns(listener);

    await workspacePatterns.setValue([kustomer]);
    await vi.waitFor(() => expect(listener).toHaveBeenCalledWith([kustomer]));

    unwatch();
    await workspacePatterns.setValue(DEFAULT_WORKSPACE_PATTERNS);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
