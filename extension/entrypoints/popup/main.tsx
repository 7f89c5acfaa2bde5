import { render } from 'preact';
import { browser } from 'wxt/browser';
import { sendMessage } from '../../lib/messaging/messenger';
import { openNotification } from '../../lib/notifications/open-tab';
import { onPositionMoved } from '../../lib/notifications/position-store';
import { InboxModel } from '../../lib/popup/inbox-model';
import { PopupModel } from '../../lib/popup/popup-model';
import { WatchesModel } from '../../lib/popup/watches-model';
import { lastBackendUrl } from '../../lib/session/session-items';
import { PopupApp } from './PopupApp';
import './popup.css';

const model = new PopupModel({
  getSession: () => sendMessage('getSession'),
  signIn: (input) => sendMessage('signIn', input),
  signOut: () => sendMessage('signOut'),
  lastBackendUrl: () => lastBackendUrl.getValue(),
  requestHostPermission: (origin) => browser.permissions.request({ origins: [origin] }),
});
const inbox = new InboxModel({
  listNotifications: (query) => sendMessage('listNotifications', query),
  markRead: (id) => sendMessage('markNotificationRead', { id }),
  markAllRead: () => sendMessage('markAllNotificationsRead'),
  // The backend last signed in to is the session's.
  open: async (notification) => openNotification(notification.link, await lastBackendUrl.getValue()),
});
const watches = new WatchesModel({
  listWatches: () => sendMessage('listWatches'),
  setPaused: (id, paused) => sendMessage('updateWatch', { id, patch: { paused } }),
  deleteWatch: (id) => sendMessage('deleteWatch', { id }),
});
void model.load();
// The background moved a stream position: a notification came in, grew or was read elsewhere.
onPositionMoved(() => void inbox.refresh());

render(<PopupApp model={model} inbox={inbox} watches={watches} />, document.getElementById('app')!);
