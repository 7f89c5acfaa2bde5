import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { createNotificationPrompt, type NotificationPrompt } from './notification-permission';

/** Set once Chrome's notification prompt was shown in this browser, so a refusal is not asked again at every watch. */
const notificationsAsked = storage.defineItem<boolean>('local:notificationsAsked', { fallback: false, version: 1 });

const NOTIFICATIONS = { permissions: ['notifications' as const] };

/** The prompt over the browser's permissions API, prepared at once (the panel and the audit page make one as they open). */
export function browserNotificationPrompt(): NotificationPrompt {
  const prompt = createNotificationPrompt({
    isGranted: () => browser.permissions.contains(NOTIFICATIONS),
    request: () => browser.permissions.request(NOTIFICATIONS),
    wasAsked: () => notificationsAsked.getValue(),
    markAsked: () => notificationsAsked.setValue(true),
  });
  void prompt.prepare();
  return prompt;
}
