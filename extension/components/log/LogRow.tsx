import type { AuditEvent } from '../../../shared/audit-event';
import type { NamedObject } from '../../../shared/schemas/names';
import { clipboardText, humanize, propertyLabel, relativeTime } from '../../lib/panel/format';
import { describeValue } from '../../lib/panel/names';
import { ActorBadge } from '../ActorBadge';

/** Every row of the log table is exactly this tall (the virtual list relies on it). */
export const ROW_HEIGHT = 40;

export const rowId = (index: number) => `log-row-${index}`;

interface LogRowProps {
  event: AuditEvent;
  index: number;
  active: boolean;
  now: number;
  names: Readonly<Record<string, NamedObject>>;
  onOpen(index: number): void;
}

/** What a screen reader says for a row: the whole row as one sentence. */
function rowLabel(event: AuditEvent, now: number, names: Readonly<Record<string, NamedObject>>): string {
  const what = `${humanize(event.event)}, ${humanize(event.section)}${event.property ? `, ${propertyLabel(event.property)}` : ''}`;
  const values = event.before != null || event.after != null ? `, from ${describeValue(event.before, names)} to ${describeValue(event.after, names)}` : '';
  const kind = event.actor.type === 'user' ? '' : ` (${humanize(event.actor.type)})`;
  return `${event.actor.name}${kind}, ${relativeTime(event.occurredAt, now)}: ${what}${values}`;
}

/**
 * One row of the log table, the seed's columns: Performed By, Date, Event,
 * Section, Property, Before, After. Before and After show one line; hovering
 * shows the whole value (objects as indented JSON).
 */
export function LogRow({ event, index, active, now, names, onOpen }: LogRowProps) {
  return (
    <div
      id={rowId(index)}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={active}
      aria-label={rowLabel(event, now, names)}
      class={active ? 'log-row active' : 'log-row'}
      data-testid="log-row"
      data-event-id={event.id}
      style={{ height: `${ROW_HEIGHT}px` }}
      onClick={() => onOpen(index)}
    >
      <span role="gridcell" class="cell actor-cell">
        <ActorBadge actor={event.actor} />
      </span>
      <span role="gridcell" class="cell">
        <time dateTime={event.occurredAt} title={new Date(event.occurredAt).toUTCString()} data-testid="log-date">
          {relativeTime(event.occurredAt, now)}
        </time>
      </span>
      <span role="gridcell" class="cell" data-testid="log-event">{humanize(event.event)}</span>
      <span role="gridcell" class="cell" data-testid="log-section">{humanize(event.section)}</span>
      <span role="gridcell" class="cell" data-testid="log-property" title={event.property ?? undefined}>
        {event.property ? propertyLabel(event.property) : '—'}
      </span>
      <span role="gridcell" class="cell value" data-testid="log-before" title={clipboardText(event.before)}>
        {describeValue(event.before, names)}
      </span>
      <span role="gridcell" class="cell value" data-testid="log-after" title={clipboardText(event.after)}>
        {describeValue(event.after, names)}
      </span>
    </div>
  );
}
