import { describe, expect, it } from 'vitest';
import { workspacePatternsWith } from '../settings/workspace-pattern-defaults';
import { type SenderInfo, senderKindOf } from './sender-policy';

const ID = 'test-extension-id';
const context = { extensionId: ID, extensionBaseUrl: `chrome-extension://${ID}/`, workspacePatterns: workspacePatternsWith([], 'http://127.0.0.1:8787') };
const CONVERSATION = '01JD00000000000000000000C1';

function contentScriptOn(url: string): SenderInfo {
  return { id: ID, url, frameId: 0, tab: { id: 4, url } };
}

function panelOn(url: string, frameId = 2): SenderInfo {
  return { id: ID, url: `chrome-extension://${ID}/panel.html`, frameId, tab: { id: 4, url } };
}

describe('who sent a message', () => {
  it('trusts the content script on the workspace origin, scheme, host and port alike', () => {
    expect(senderKindOf(contentScriptOn(`http://127.0.0.1:8787/workspace/conversations/${CONVERSATION}`), context)).toBe('workspace_script');
  });

  it('takes a content script on another port of the same host for a foreign one', () => {
    expect(senderKindOf(contentScriptOn(`http://127.0.0.1:9999/workspace/conversations/${CONVERSATION}`), context)).toBe('foreign');
    expect(senderKindOf(contentScriptOn(`http://localhost:8787/workspace/conversations/${CONVERSATION}`), context)).toBe('foreign');
    expect(senderKindOf(contentScriptOn(`https://127.0.0.1:8787/workspace/conversations/${CONVERSATION}`), context)).toBe('foreign');
  });

  it('takes the content script of a frame inside a workspace page for a foreign one', () => {
    const url = `http://127.0.0.1:8787/workspace/conversations/${CONVERSATION}`;
    expect(senderKindOf({ ...contentScriptOn(url), frameId: 5 }, context)).toBe('foreign');
  });

  it('knows the panel framed on a workspace page, and refuses it framed anywhere else', () => {
    expect(senderKindOf(panelOn(`http://127.0.0.1:8787/workspace/customers/${CONVERSATION}`), context)).toBe('panel');
    expect(senderKindOf(panelOn(`http://127.0.0.1:9999/workspace/customers/${CONVERSATION}`), context)).toBe('foreign');
    expect(senderKindOf(panelOn('https://evil.test/'), context)).toBe('foreign');
    expect(senderKindOf(panelOn(`http://127.0.0.1:8787/workspace/customers/${CONVERSATION}`, 0), context)).toBe('foreign');
  });

  it('knows the popup, and refuses another extension', () => {
    expect(senderKindOf({ id: ID, url: `chrome-extension://${ID}/popup.html` }, context)).toBe('extension_page');
    expect(senderKindOf({ id: 'other', url: 'chrome-extension://other/popup.html' }, context)).toBe('foreign');
  });
});
