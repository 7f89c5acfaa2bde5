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

/** The hint under a box that takes a list (emails, phones, tags): see splitList. */
export const LIST_HINT = 'Separate several with commas.';

/** A one-line text box in a Field; `input` adds attributes such as `required` or `inputmode`. */
export function TextField(props: {
  name: string;
  label: string;
  hint?: string;
  value: string;
  errors?: FieldErrors | undefined;
  input?: Record<string, string | boolean>;
}) {
  return (
    <Field name={props.name} label={props.label} hint={props.hint} errors={props.errors}>
      <input type="text" value={props.value} {...props.input} {...controlProps(props.name, props.errors)} />
    </Field>
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

/** The row of buttons a form ends with: here, its one submit button. */
export function SubmitActions({ testid, label }: { testid: string; label: string }) {
  return (
    <div class="actions">
      <button type="submit" data-testid={testid}>
        {label}
      </button>
    </div>
  );
}

/** A list as a table; columns marked `wide` are hidden on narrow screens. */
export function DataTable({ testid, columns, children }: { testid: string; columns: Array<{ label: string; wide?: boolean }>; children: Child }) {
  return (
    <div class="table-wrap">
      <table data-testid={testid}>
        <thead>
          <tr>
            {columns.map(({ label, wide }) => (
              <th scope="col" class={wide ? 'hide-narrow' : undefined}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
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
            <CustomRowCell part="key" value={row.key} index={i} placeholder="name" />
            <CustomRowCell part="value" value={row.value} index={i} placeholder="value" />
          </div>
        ))}
      </div>
      <FieldError name="custom" messages={errors?.custom ?? []} />
    </fieldset>
  );
}

/** One box of a custom-attribute row: posted as `customKey` or `customValue`, one per row, in row order. */
function CustomRowCell({ part, value, index, placeholder }: { part: 'key' | 'value'; value: string; index: number; placeholder: string }) {
  return (
    <input
      type="text"
      name={part === 'key' ? 'customKey' : 'customValue'}
      value={value}
      aria-label={`Attribute ${index + 1} ${placeholder}`}
      placeholder={placeholder}
      data-testid={`custom-${part}-${index}`}
    />
  );
}
