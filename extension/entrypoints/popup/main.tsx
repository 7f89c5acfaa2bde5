import { render } from 'preact';
import { browser } from 'wxt/browser';
import { sendMessage } from '../../lib/messaging/messenger';
import { PopupModel } from '../../lib/popup/popup-model';
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
void model.load();

render(<PopupApp model={model} />, document.getElementById('app')!);
