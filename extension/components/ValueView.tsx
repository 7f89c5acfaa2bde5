import { Fragment, type ComponentChildren } from 'preact';
import type { NamedObject } from '../../shared/schemas/names';
import { isRecord, type ValueDiff } from '../lib/panel/diff/value-diff';
import { displayValue, propertyLabel } from '../lib/panel/format';
import { isId } from '../lib/panel/names';

export type Side = 'before' | 'after';

/** What the ids on screen stand for, by id. */
export type KnownNames = Readonly<Record<string, NamedObject>>;

interface ValueViewProps {
  value: unknown;
  diff: ValueDiff;
  side: Side;
  names: KnownNames;
}

/** One side of a Before/After pair, with what the change took away (before) or brought (after) marked. */
export function ValueView({ value, diff, side, names }: ValueViewProps) {
  const gone = side === 'before' ? 'removed' : 'added';
  if (diff.kind === 'text') {
    return (
      <span class="text">
        {diff.parts.map((part, index) =>
          part.op === 'same' ? part.text : part.op === gone ? <Mark key={index} op={gone}>{part.text}</Mark> : null,
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
            {item.op === 'same' ? <Shown value={item.value} names={names} /> : <Mark op={item.op}><Shown value={item.value} names={names} /></Mark>}
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
            <dt title={entry.key}>{propertyLabel(entry.key)}</dt>
            <dd>
              <Shown value={entry[side]} names={names} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return (
    <span class={value == null || value === '' ? 'empty-value' : undefined}>
      <Shown value={value} names={names} />
    </span>
  );
}

/** `{ id, name }` of a shortcut, `{ type, id, name }` of an author: a pointer to an object, named at the time. */
function isReference(value: unknown): value is { id: string; name: string } {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.name === 'string' &&
    Object.keys(value).every((key) => key === 'id' || key === 'name' || key === 'type')
  );
}

/**
 * A value as text. An id the backend named shows as that name, a reference
 * that carries its own name as that name, each with the id in its tooltip;
 * a list (inside an object) as its items; an empty list or object as a dash.
 */
function Shown({ value, names }: { value: unknown; names: KnownNames }) {
  if ((Array.isArray(value) || isRecord(value)) && Object.keys(value).length === 0) return <span class="empty-value">—</span>;
  if (Array.isArray(value)) {
    return (
      <>
        {value.map((item, index) => (
          <Fragment key={index}>
            {index > 0 && ', '}
            <Shown value={item} names={names} />
          </Fragment>
        ))}
      </>
    );
  }
  if (isReference(value)) {
    return (
      <span class="ref" title={value.id}>
        {value.name}
      </span>
    );
  }
  const named = isId(value) ? names[value] : undefined;
  if (!named) return <>{displayValue(value)}</>;
  return (
    <span class="ref" data-ref-type={named.type} title={value as string}>
      {named.name}
    </span>
  );
}

function Mark({ op, children }: { op: 'removed' | 'added'; children: ComponentChildren }) {
  return op === 'removed' ? <del>{children}</del> : <ins>{children}</ins>;
}
