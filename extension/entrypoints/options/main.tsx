import { render } from 'preact';
import { browser } from 'wxt/browser';
import { WorkspaceSettingsModel } from '../../lib/settings/workspace-settings-model';
import { lastBackendUrl } from '../../lib/session/session-items';
import { workspacePatternsWith } from '../../lib/settings/workspace-pattern-defaults';
import { workspacePatterns } from '../../lib/settings/workspace-patterns';
import { OptionsApp } from './OptionsApp';
import './options.css';

const workspaces = new WorkspaceSettingsModel({
  load: () => workspacePatterns.getValue(),
  save: (patterns) => workspacePatterns.setValue(patterns),
  loadBackendWorkspace: async () => workspacePatternsWith([], await lastBackendUrl.getValue()),
  requestHostPermission: (host) => browser.permissions.request({ origins: [host] }),
});
void workspaces.load();

render(<OptionsApp workspaces={workspaces} filterParams={location.search.slice(1)} />, document.getElementById('app')!);
