import type { AuditEvent } from '../../shared/audit-event';
import { diffValues } from '../lib/panel/diff/value-diff';
import { clipboardText, humanize, propertyLabel, relativeTime } from '../lib/panel/format';
import type { PanelModel } from '../lib/panel/panel-model';
import { ActorBadge } from './ActorBadge';
import { PropertyPin } from './pins/PropertyPin';
import { ValueCell } from './ValueCell';

/** Values longer than this (or spanning lines) are clamped until expanded. */
const LONG_VALUE = 120;

function isLong(value: unknown): boolean {
  const text = clipboardText(value);
  return text.length > LONG_VALUE || text.includes('\n');
}

/** One audit row: who, when, what, and the Before → After of its property. */
export function EventRow({ model, event }: { model: PanelModel; event: AuditEvent }) {
  const isNew = model.history.newIds.value.has(event.id);
  const expanded = model.expanded.value.has(event.id);
  const hasValues = event.before != null || event.after != null;
  const diff = diffValues(event.before, event.after);
  // Text and objects need the row's whole width to read: Before above After instead of side by side.
  const stacked = diff.kind === 'text' || diff.kind === 'object';
  return (
    <li class="event-row" data-testid="event-row" data-event-id={event.id} data-property={event.property ?? undefined} data-new={isNew ? 'true' : undefined}>
      <div class="meta">
        <ActorBadge actor={event.actor} />
        <time data-testid="event-time" dateTime={event.occurredAt} title={event.occurredAt}>
          {relativeTime(event.occurredAt, model.now.value)}
        </time>
      </div>
      <div class="what">
        <span class="event-name" data-testid="event-name">{humanize(event.event)}</span>
        <span class="section" data-testid="section">{humanize(event.section)}</span>
        {event.property && (
          <span class="property" data-testid="property" title={event.property}>
            {propertyLabel(event.property)}
          </span>
        )}
      </div>
      {hasValues && (
        <div class={stacked ? 'values stacked' : 'values'}>
          <ValueCell model={model} event={event} diff={diff} side="before" expanded={expanded} />
          <span class="arrow" aria-hidden="true">→</span>
          <ValueCell model={model} event={event} diff={diff} side="after" expanded={expanded} />
        </div>
      )}
      <div class="row-actions">
        {hasValues && (isLong(event.before) || isLong(event.after) || diff.kind !== 'plain') && (
          <button type="button" class="link" aria-expanded={expanded} onClick={() => model.toggleExpanded(event.id)}>
            {expanded ? 'Show less' : 'Show all'}
          </button>
        )}
        <PropertyPin model={model} event={event} />
        {model.mayRestore.value(event) && (
          <button type="button" class="secondary" data-testid="restore-button" onClick={() => model.restore.ask(event)}>
            Restore previous value
          </button>
        )}
      </div>
    </li>
  );
}
