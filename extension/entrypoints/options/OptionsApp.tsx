import { ExportButton } from '../../components/export/ExportButton';
import type { WorkspaceSettingsModel } from '../../lib/settings/workspace-settings-model';
import { SettingsSection } from '../../components/settings/SettingsSection';

/** The options page: settings now; the admin's full audit log joins it as another section. */
export function OptionsApp({ workspaces, filterParams }: { workspaces: InstanceType<typeof WorkspaceSettingsModel>; filterParams: string }) {
  return (
    <main class="options">
      <h1>Auditdesk</h1>
      {/* Until the audit log section has its toolbar: exports the filter in the page URL's query. */}
      <section class="options__section" aria-labelledby="export-title">
        <h2 id="export-title">Export the log</h2>
        <ExportButton params={filterParams} />
      </section>
      <SettingsSection workspaces={workspaces} />
    </main>
  );
}
