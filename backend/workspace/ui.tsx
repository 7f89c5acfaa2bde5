/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { CustomRow } from './custom-rows';
import type { FieldErrors } from './form-data';
import { humanize } from './format';

/** A labelled form control with its hint and its errors underneath. */
export function Field(props: { name: string; label: string; hint?: string; errors?: FieldErrors | undefined; children: Child }) {
  const messages = props.errors?.[props.name] ?? [];
  return (
    <div class="field">
      <label for={`f-${props.name}`}>{props.label}</label>
      {props.children}
      {props.hint ? <span class="hint">{props.hint}</span> : null}
      <FieldError name={props.name} messages={messages} />
    </div>
  );
}

export function FieldError({ name, messages }: { name: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <p class="field-error" id={`e-${name}`} data-testid={`field-error-${name}`}>
      {messages.join(' ')}
    </p>
  );
}

/** Attributes that tie a control to its label and mark it invalid. */
export function controlProps(name: string, errors: FieldErrors | undefined) {
  const invalid = (errors?.[name]?.length ?? 0) > 0;
  return {
    id: `f-${name}`,
    name,
    'data-testid': `input-${name}`,
    ...(invalid ? { 'aria-invalid': 'true', 'aria-describedby': `e-${name}` } : {}),
  };
}

/** Everything wrong with a submitted form, at its top, announced to screen readers. */
export function FormErrors({ errors }: { errors?: FieldErrors | undefined }) {
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <div class="errors" role="alert" data-testid="form-errors">
      <strong>Nothing was saved. Please check:</strong>
      <ul>
        {Object.entries(errors).map(([field, messages]) => (
          <li>{field === 'form' ? messages.join(' ') : `${fieldLabel(field)}: ${messages.join(' ')}`}</li>
        ))}
      </ul>
    </div>
  );
}

/** "assignedUsers" → "Assigned users". */
function fieldLabel(name: string): string {
  if (name === 'custom') return 'Custom attributes';
  return humanize(name.replace(/([A-Z])/g, ' $1').toLowerCase());
}

export function SavedNotice({ show }: { show: boolean }) {
  return show ? (
    <p class="notice" role="status" data-testid="saved-notice">
      Changes saved.
    </p>
  ) : null;
}

export function Tags({ tags }: { tags: string[] }) {
  if (tags.length === 0) return <span class="muted">—</span>;
  return (
    <span>
      {tags.map((tag) => (
        <span class="tag">{tag}</span>
      ))}
    </span>
  );
}

export function StatusBadge({ status, testid }: { status: string; testid?: string }) {
  return (
    <span class={`badge status-${status}`} data-testid={testid}>
      {humanize(status)}
    </span>
  );
}

export function PriorityBadge({ priority }: { priority: string }) {
  return <span class={`badge priority-${priority}`}>{humanize(priority)} priority</span>;
}

/**
 * Custom attributes as name/value rows, plus blank rows to add new ones.
 * Emptying a value (or a name) removes that attribute.
 */
export function CustomRowsInput({ rows, errors }: { rows: CustomRow[]; errors?: FieldErrors | undefined }) {
  const all = [...rows, { key: '', value: '' }, { key: '', value: '' }];
  return (
    <fieldset data-testid="custom-attributes">
      <legend>Custom attributes</legend>
      <span class="hint">Numbers, true/false and [lists] are stored as such. Empty a value to remove it.</span>
      <div class="custom-rows">
        {all.map((row, i) => (
          <div class="custom-row">
            <input
              type="text"
              name="customKey"
              value={row.key}
              aria-label={`Attribute ${i + 1} name`}
              placeholder="name"
              data-testid={`custom-key-${i}`}
            />
            <input
              type="text"
              name="customValue"
              value={row.value}
              aria-label={`Attribute ${i + 1} value`}
              placeholder="value"
              data-testid={`custom-value-${i}`}
            />
          </div>
        ))}
      </div>
      <FieldError name="custom" messages={errors?.custom ?? []} />
    </fieldset>
  );
}
