import { browser } from 'wxt/browser';
import type { AppNotification } from '../../../shared/api-client';
import { panelOpen } from '../panel/open-state';
import { notificationTarget } from './open-target';

/** A new tab (a new window when none is open); `panel`: the audit panel opens on the workspace page. */
export async function openTab(url: string, panel: boolean): Promise<void> {
  if (panel) await panelOpen.setValue(true);
  await browser.tabs.create({ url }).catch(() => browser.windows.create({ url }));
}

/** Opens what a notification is about, from the popup or a click on it. */
export async function openNotification(link: AppNotification['link'], backendUrl: string): Promise<void> {
  const target = notificationTarget(link, backendUrl, browser.runtime.getURL('/'));
  await openTab(target.url, target.panel);
}
