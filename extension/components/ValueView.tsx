import type { ValueDiff } from '../lib/panel/diff/value-diff';
import { displayValue } from '../lib/panel/format';

export type Side = 'before' | 'after';

interface ValueViewProps {
  value: unknown;
  diff: ValueDiff;
  side: Side;
}

/** One side of a Before/After pair, with what the change took away (before) or brought (after) marked. */
export function ValueView({ value, diff, side }: ValueViewProps) {
  const gone = side === 'before' ? 'removed' : 'added';
  if (diff.kind === 'text') {
    return (
      <span class="text">
        {diff.parts.map((part, index) =>
          part.op === 'same' ? part.text : part.op === gone ? <Mark key={index} op={gone} text={part.text} /> : null,
        )}
      </span>
    );
  }
  if (diff.kind === 'list') {
    const items = diff[side];
    if (items.length === 0) return <span class="empty-value">—</span>;
    return (
      <ul class="chips">
        {items.map((item, index) => (
          <li key={index} class={`chip ${item.op}`}>
            {item.op === 'same' ? displayValue(item.value) : <Mark op={item.op} text={displayValue(item.value)} />}
          </li>
        ))}
      </ul>
    );
  }
  if (diff.kind === 'object') {
    const keys = diff.keys.filter((entry) => entry.op !== (side === 'before' ? 'added' : 'removed'));
    if (keys.length === 0) return <span class="empty-value">—</span>;
    return (
      <dl class="keys">
        {keys.map((entry) => (
          <div key={entry.key} class={`key ${entry.op === 'same' ? 'same' : entry.op === 'changed' ? 'changed' : gone}`}>
            <dt>{entry.key}</dt>
            <dd>{displayValue(entry[side])}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return <span class={value == null || value === '' ? 'empty-value' : undefined}>{displayValue(value)}</span>;
}

function Mark({ op, text }: { op: 'removed' | 'added'; text: string }) {
  return op === 'removed' ? <del>{text}</del> : <ins>{text}</ins>;
}
