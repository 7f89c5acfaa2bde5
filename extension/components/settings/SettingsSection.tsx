import { useEffect, useMemo } from 'preact/hooks';
import { browserAdminDeps } from '../../lib/admin/browser-admin-deps';
import { SettingsModel } from '../../lib/admin/settings-model';
import type { WorkspaceSettingsModel } from '../../lib/settings/workspace-settings-model';
import { ApiKeysSettings } from './ApiKeysSettings';
import { ConnectionSettings } from './ConnectionSettings';
import { HelpdeskWebhooks } from './HelpdeskWebhooks';
import { LogIntegrity } from './LogIntegrity';
import { LogStreaming } from './LogStreaming';
import { RetentionSettings } from './RetentionSettings';
import { UsersSettings } from './UsersSettings';
import { WorkspaceSettings } from './WorkspaceSettings';
import './settings.css';

interface Props {
  /** This browser's workspace pages (kept in the extension's storage, for every role). */
  workspaces: InstanceType<typeof WorkspaceSettingsModel>;
  /** Passed in tests; the page makes one over the background's messages. */
  model?: InstanceType<typeof SettingsModel>;
}

/**
 * The options page's Settings: the backend connection and this browser's
 * workspace pages for everyone; the workspace's retention, users, API keys,
 * log integrity, log streaming and helpdesk webhooks for admins only, and a plain sentence for anyone else.
 */
export function SettingsSection({ workspaces, model: given }: Props) {
  const model = useMemo(() => given ?? new SettingsModel(browserAdminDeps()), [given]);
  useEffect(() => {
    void model.load();
    return model.follow();
  }, [model]);
  const access = model.access.value;
  const reason = model.reason.value;
  return (
    <section id="settings" class="settings" aria-labelledby="settings-title" data-testid="settings" aria-busy={access.kind === 'loading'}>
      <h2 id="settings-title">Settings</h2>
      <ConnectionSettings model={model} />
      <WorkspaceSettings model={workspaces} />
      {access.kind === 'admin' ? (
        <div data-testid="settings-admin">
          <RetentionSettings model={model.retention} />
          <UsersSettings model={model.users} now={model.now()} />
          <ApiKeysSettings model={model.apiKeys} />
          {model.mayCheckIntegrity.value && model.connection.value ? <LogIntegrity model={model.integrity} backendUrl={model.connection.value.backendUrl} /> : null}
          {model.mayManageIntegrations.value ? (
            <>
              <LogStreaming model={model.streams} />
              <HelpdeskWebhooks model={model.inboundWebhooks} />
            </>
          ) : null}
        </div>
      ) : reason ? (
        <p class="settings__why" role="note" data-testid="settings-not-admin">
          {reason}
        </p>
      ) : null}
    </section>
  );
}
