import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { lastBackendUrl } from '../session/session-items';
import { readWorkspacePatterns, watchWorkspacePatterns } from './stored-workspace-patterns';
import { migrateHostPatterns, workspacePatterns } from './workspace-patterns';

const kustomer = { origin: 'https://acme.kustomer.com', path: '/app/customers/:customerId/event/:conversationId' };
const demoAt = (origin: string) => [
  { origin, path: '/workspace/customers/:id' },
  { origin, path: '/workspace/conversations/:id' },
];

describe('the workspace patterns as the content script reads them', () => {
  beforeEach(() => fakeBrowser.reset());

  it('are the demo backend’s workspace until someone signs in', async () => {
    expect(await readWorkspacePatterns()).toEqual(demoAt('http://127.0.0.1:8787'));
  });

  it('follow the backend signed in to, and add what the options page saved', async () => {
    await lastBackendUrl.setValue('https://audit.acme.test/base');
    await workspacePatterns.setValue([kustomer]);
    expect(await readWorkspacePatterns()).toEqual([...demoAt('https://audit.acme.test'), kustomer]);
  });

  it('follow the options as they change, until unwatched', async () => {
    const listener = vi.fn();
    const unwatch = watchWorkspacePatterns(listener);

    await workspacePatterns.setValue([kustomer]);
    await vi.waitFor(() => expect(listener).toHaveBeenCalledWith([...demoAt('http://127.0.0.1:8787'), kustomer]));

    unwatch();
    await workspacePatterns.setValue([]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('settings saved by the version that matched hosts on any port', () => {
  beforeEach(() => fakeBrowser.reset());

  it('drop the old any-port demo defaults and patterns no origin can stand for, and keep other workspaces as their origins', () => {
    expect(
      migrateHostPatterns([
        { host: 'http://localhost/*', path: '/workspace/conversations/:id' },
        { host: 'http://127.0.0.1/*', path: '/workspace/customers/:id' },
        { host: 'https://acme.kustomer.com/*', path: kustomer.path },
        { host: 'https://*.kustomer.com/*', path: kustomer.path },
        { host: '*://odd.test/*', path: '/c/:conversationId' },
      ]),
    ).toEqual([kustomer, { origin: 'https://*.kustomer.com', path: kustomer.path }]);
  });

  it('are migrated in storage, where the content script reads them', async () => {
    await fakeBrowser.storage.local.set({
      workspacePatterns: [{ host: 'http://localhost/*', path: '/workspace/conversations/:id' }, { host: 'https://acme.kustomer.com/*', path: kustomer.path }],
      workspacePatterns$: { v: 1 },
    });
    // WXT migrates when the item is defined (the background's start); this file defined it before the old value was there.
    await workspacePatterns.migrate();

    expect(await workspacePatterns.getValue()).toEqual([kustomer]);
    expect(await readWorkspacePatterns()).toEqual([...demoAt('http://127.0.0.1:8787'), kustomer]);
  });
});
