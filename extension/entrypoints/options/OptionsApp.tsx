import type { WorkspaceSettingsModel } from '../../lib/settings/workspace-settings-model';
import { SettingsSection } from '../../components/settings/SettingsSection';

/** The options page: settings now; the admin's full audit log joins it as another section. */
export function OptionsApp({ workspaces }: { workspaces: InstanceType<typeof WorkspaceSettingsModel> }) {
  return (
    <main class="options">
      <h1>Auditdesk</h1>
      <SettingsSection workspaces={workspaces} />
    </main>
  );
}
