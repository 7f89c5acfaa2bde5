import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ExportButton } from '../../components/export/ExportButton';
import { ViewsMenu } from '../../components/views/ViewsMenu';
import { WatchFilterMenu } from '../../components/log/WatchFilterMenu';
import { filterOfParams } from '../../lib/log/filter/params';
import { LogModel } from '../../lib/log/log-model';
import { ViewsModel } from '../../lib/views/views-model';
import { createPageSection } from '../../lib/log/page-section';
import { sendMessage } from '../../lib/messaging/messenger';
import { LOG_LIVE_PORT } from '../../lib/messaging/protocol';
import { WorkspaceSettingsModel } from '../../lib/settings/workspace-settings-model';
import { authSession, lastBackendUrl } from '../../lib/session/session-items';
import { workspacePatternsWith } from '../../lib/settings/workspace-pattern-defaults';
import { workspacePatterns } from '../../lib/settings/workspace-patterns';
import { browserNotificationPrompt } from '../../lib/watches/browser-notification-prompt';
import { FilterWatchModel } from '../../lib/watches/filter-watch-model';
import { OptionsApp } from './OptionsApp';
import './options.css';

const workspaces = new WorkspaceSettingsModel({
  load: () => workspacePatterns.getValue(),
  save: (patterns) => workspacePatterns.setValue(patterns),
  loadBackendWorkspace: async () => workspacePatternsWith([], await lastBackendUrl.getValue()),
  requestHostPermission: (host) => browser.permissions.request({ origins: [host] }),
});
void workspaces.load();

const log = new LogModel({
  send: (type, data) => sendMessage(type, data),
  now: Date.now,
  connectLive: () => browser.runtime.connect({ name: LOG_LIVE_PORT }),
  url: {
    search: () => location.search,
    push: (search) => history.pushState(null, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`),
    replace: (search) => history.replaceState(null, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`),
    onChange: (listener) => {
      window.addEventListener('popstate', listener);
      return () => window.removeEventListener('popstate', listener);
    },
  },
});
const views = new ViewsModel({ send: (type, data) => sendMessage(type, data) });
const opening = (search: string) => views.openingFilter(search);
void log.start(opening);
// Signed in or out in the toolbar popup while the page is open: the page follows.
authSession.watch(() => void log.start(opening));

const watches = new FilterWatchModel({
  createWatch: (data) => sendMessage('createWatch', data),
  notificationPrompt: browserNotificationPrompt(),
  filter: log.filter,
  role: log.role,
});

const { section, go } = createPageSection(window);

function App() {
  const tools = (
    <>
      <ViewsMenu model={views} filter={log.query.value} onApply={(filter) => log.setFilter(filterOfParams(new URLSearchParams(filter)).filter)} />
      <WatchFilterMenu model={watches} />
      <ExportButton params={log.query.value} />
    </>
  );
  return <OptionsApp section={section.value} go={go} log={log} workspaces={workspaces} logTools={tools} />;
}

render(<App />, document.getElementById('app')!);
