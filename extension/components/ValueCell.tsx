import type { AuditEvent } from '../../shared/audit-event';
import type { ValueDiff } from '../lib/panel/diff/value-diff';
import { clipboardText } from '../lib/panel/format';
import type { PanelModel } from '../lib/panel/panel-model';
import { ValueView, type Side } from './ValueView';

interface ValueCellProps {
  model: PanelModel;
  event: AuditEvent;
  diff: ValueDiff;
  side: Side;
  expanded: boolean;
}

/** Before or After: the value (clamped unless expanded, whole on hover; ids as names) and its Copy button, which copies the raw value. */
export function ValueCell({ model, event, diff, side, expanded }: ValueCellProps) {
  const value = event[side];
  const copied = model.copied.value === `${event.id}:${side}`;
  const label = side === 'before' ? 'Before' : 'After';
  return (
    <div class={`value-cell ${side}`}>
      <span class="label">{label}</span>
      <div class={`value${expanded ? ' expanded' : ''}`} data-testid={side} title={clipboardText(value)}>
        <ValueView value={value} diff={diff} side={side} names={model.names.byId.value} />
      </div>
      <button
        type="button"
        class="link"
        data-testid={`copy-${side}`}
        aria-label={`Copy the ${label.toLowerCase()} value`}
        onClick={() => void model.copy(event, side)}
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}
