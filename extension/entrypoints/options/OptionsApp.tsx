import type { ComponentChildren } from 'preact';
import { AuditLog } from '../../components/log/AuditLog';
import type { LogModel } from '../../lib/log/log-model';
import type { PageSection } from '../../lib/log/page-section';
import type { WorkspaceSettingsModel } from '../../lib/settings/workspace-settings-model';
import { SettingsSection } from '../../components/settings/SettingsSection';

interface OptionsAppProps {
  section: PageSection;
  go(section: PageSection): void;
  log: LogModel;
  workspaces: InstanceType<typeof WorkspaceSettingsModel>;
  /** The log toolbar's tools from other parts of the page (saved views, export). */
  logTools?: ComponentChildren;
}

const SECTIONS: Array<{ id: PageSection; label: string; href: string }> = [
  { id: 'log', label: 'Audit log', href: '#' },
  { id: 'settings', label: 'Settings', href: '#settings' },
];

/** The audit page: a top navigation between the Audit log (the default) and Settings (`#settings`). */
export function OptionsApp({ section, go, log, workspaces, logTools }: OptionsAppProps) {
  return (
    <div class="options-page">
      <header class="options-page__top">
        <h1>Auditdesk</h1>
        <nav aria-label="Sections">
          {SECTIONS.map((entry) => (
            <a
              key={entry.id}
              href={entry.href}
              data-testid={`nav-${entry.id}`}
              aria-current={section === entry.id ? 'page' : undefined}
              onClick={(event) => {
                event.preventDefault();
                go(entry.id);
              }}
            >
              {entry.label}
            </a>
          ))}
        </nav>
      </header>
      <main class="options-page__main">
        {section === 'log' ? (
          <AuditLog model={log} toolbar={logTools} />
        ) : (
          <div class="options" data-testid="settings-section">
            <SettingsSection workspaces={workspaces} />
          </div>
        )}
      </main>
    </div>
  );
}
