import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { LogModel } from '../../lib/log/log-model';
import { ActivityChart } from './ActivityChart';
import { EventDrawer } from './EventDrawer';
import { FilterForm } from './FilterForm';
import { LiveTail } from './LiveTail';
import { LogStatus } from './LogStatus';
import { LogTable } from './LogTable';
import { QueryBox } from './QueryBox';
import './query.css';
import './log.css';

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName));
}

/**
 * The Audit log section: the role sentence, the filter form and search
 * box, the toolbar (with `toolbar` slots for saved views and export), the
 * activity chart, the table and the detail drawer. `/` focuses the search
 * box, Escape closes the drawer.
 */
export function AuditLog({ model, toolbar }: { model: LogModel; toolbar?: ComponentChildren }) {
  const search = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const focusList = () => list.current?.querySelector<HTMLElement>('[data-testid="virtual-list"]')?.focus();
  const closeDrawer = () => {
    model.drawer.close();
    focusList();
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === '/' && !isTyping(event.target) && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        search.current?.focus();
        search.current?.select();
      } else if (event.key === 'Escape' && model.drawer.event.peek()) {
        closeDrawer();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const session = model.session.value;
  if (session === null) return <p class="options__hint">Loading…</p>;
  if (session.status !== 'signed_in') {
    return (
      <p class="log-signed-out" data-testid="log-signed-out">
        Sign in to see the audit log: click the Auditdesk icon in the browser's toolbar.
      </p>
    );
  }

  const { chart } = model;
  const chartData = chart.data.value;
  const filter = model.filter.value;

  return (
    <section class="audit-log" aria-labelledby="audit-log-title" data-testid="audit-log">
      <h2 id="audit-log-title" class="sr-only">
        Audit log
      </h2>
      {model.note.value && (
        <p class="role-note" data-testid="role-note">
          {model.note.value}
        </p>
      )}
      <div class="audit-log__filters">
        <FilterForm model={model} />
        <QueryBox model={model} inputRef={search} />
      </div>
      {model.problems.value.length > 0 && (
        <p class="options__error" role="status" data-testid="log-url-problems">
          Part of this link could not be used: {model.problems.value.join('; ')}.
        </p>
      )}
      <div class="audit-log__toolbar" role="toolbar" aria-label="Log tools">
        <LiveTail model={model} />
        {/* Slot: saved views (ViewsMenu) and export (ExportButton) go here, given by OptionsApp. */}
        <div class="audit-log__slot" data-testid="log-toolbar-slot">
          {toolbar}
        </div>
      </div>
      <div class="audit-log__chart">
        {chartData ? (
          <ActivityChart
            bucket={chartData.bucket}
            items={chartData.items}
            from={filter.from}
            to={filter.to}
            onSelectRange={model.setRange}
            label="Events over time for this filter; drag across or use the arrow keys and Enter to choose dates"
          />
        ) : (
          chart.failed.value && <p class="options__hint">The chart could not be drawn: {chart.failed.value}</p>
        )}
      </div>
      <LogStatus model={model} />
      <div class={model.drawer.event.value ? 'audit-log__body with-drawer' : 'audit-log__body'}>
        <LogTable model={model} listRef={list} />
        <EventDrawer model={model} onClose={closeDrawer} />
      </div>
    </section>
  );
}
