import { browser } from 'wxt/browser';
import type { OpenState } from './deps';

const KEY = 'auditPanelOpen';

/**
 * Whether the agent left the audit panel open: it reopens on the next
 * workspace page. Plain storage.local rather than WXT's storage items, which
 * would add a tenth to the content script (it has a size budget).
 */
export const panelOpen: OpenState = {
  async getValue() {
    const stored = await browser.storage.local.get(KEY);
    return stored[KEY] === true;
  },
  async setValue(open) {
    await browser.storage.local.set({ [KEY]: open });
  },
};
