import { Component } from 'preact';
import type { AuditEvent } from '../../../shared/audit-event';
import type { NamedObject } from '../../../shared/schemas/names';
import { namesChangeRow, rowText, rowTitles } from '../../lib/log/row-text';
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

/**
 * One row of the log table, the seed's columns: Performed By, Date, Event,
 * Section, Property, Before, After. Before and After show one line; hovering
 * shows the whole value (objects as indented JSON). The row's label says the
 * whole row as one sentence for screen readers.
 *
 * Memoised: while the list scrolls, or a page of rows is added below, a row
 * already on screen renders again only when its props change (its event,
 * place, active state, the clock or the names it shows).
 */
export class LogRow extends Component<LogRowProps> {
  override shouldComponentUpdate(next: LogRowProps): boolean {
    const was = this.props;
    return (
      next.event !== was.event ||
      next.index !== was.index ||
      next.active !== was.active ||
      next.now !== was.now ||
      namesChangeRow(next.event, was.names, next.names) ||
      next.onOpen !== was.onOpen
    );
  }

  override render() {
    return rowElement(this.props);
  }
}

function rowElement({ event, index, active, now, names, onOpen }: LogRowProps) {
  const text = rowText(event, now, names);
  const titles = rowTitles(event);
  return (
    <div
      id={rowId(index)}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={active}
      aria-label={text.label}
      class={active ? 'log-row active' : 'log-row'}
      data-testid="log-row"
      data-event-id={event.id}
      style={ROW_STYLE}
      onClick={() => onOpen(index)}
    >
      <span role="gridcell" class="cell actor-cell">
        <ActorBadge actor={event.actor} />
      </span>
      <span role="gridcell" class="cell">
        <time dateTime={event.occurredAt} title={titles.date} data-testid="log-date">
          {text.when}
        </time>
      </span>
      <span role="gridcell" class="cell" data-testid="log-event">
        {text.event}
      </span>
      <span role="gridcell" class="cell" data-testid="log-section">
        {text.section}
      </span>
      <span role="gridcell" class="cell" data-testid="log-property" title={event.property ?? undefined}>
        {text.property}
      </span>
      <span role="gridcell" class="cell value" data-testid="log-before" title={titles.before}>
        {text.before}
      </span>
      <span role="gridcell" class="cell value" data-testid="log-after" title={titles.after}>
        {text.after}
      </span>
    </div>
  );
}

const ROW_STYLE = { height: `${ROW_HEIGHT}px` };
