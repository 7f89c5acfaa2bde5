import { CATEGORIES } from '../../../shared/enums';
import { EVENT_TYPES, FIELD_LABELS, SETTINGS_SECTIONS, fieldsOf, type FormField } from '../../lib/log/filter/seed-form';
import type { LogModel } from '../../lib/log/log-model';

/**
 * The seed's Filter: an Event Type, that type's criteria (required ones
 * marked, an empty one named beside it on Apply), a date range and Apply
 * Filters. Event types the role cannot read are not offered.
 */
export function FilterForm({ model }: { model: LogModel }) {
  const { editor, suggestions } = model;
  const form = editor.form.value;
  const errors = editor.showErrors.value ? editor.errors.value : {};
  const readable = model.readable.value;
  const types = EVENT_TYPES.filter((type) => type.id === 'all' || (readable as readonly string[]).includes(type.id));

  const field = (name: FormField | 'from' | 'to', label: string, required: boolean, input: preact.JSX.Element) => (
    <div class="filter-form__field" key={name}>
      <label for={`filter-${name}`}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : <span class="options__hint"> (optional)</span>}
      </label>
      {input}
      {errors[name] ? (
        <span id={`filter-${name}-error`} class="options__error" data-testid={`filter-${name}-error`}>
          {errors[name]}
        </span>
      ) : null}
    </div>
  );
  const textProps = (name: FormField | 'from' | 'to', required: boolean) => ({
    id: `filter-${name}`,
    'data-testid': `filter-${name}`,
    value: form[name],
    required,
    'aria-required': required,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `filter-${name}-error` : undefined,
  });

  return (
    <form
      class="filter-form"
      aria-label="Filter"
      data-testid="filter-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        editor.applyForm();
      }}
    >
      <div class="filter-form__field">
        <label for="filter-event-type">Event Type</label>
        <select
          id="filter-event-type"
          data-testid="filter-event-type"
          value={form.eventType}
          onChange={(event) => editor.editForm({ eventType: event.currentTarget.value as (typeof CATEGORIES)[number] | 'all' })}
        >
          {types.map((type) => (
            <option key={type.id} value={type.id}>
              {type.label}
            </option>
          ))}
        </select>
      </div>
      {fieldsOf(form.eventType).map(({ name, required }) => {
        if (name === 'section') {
          return field(
            name,
            FIELD_LABELS[name],
            required,
            <select {...textProps(name, required)} onChange={(event) => editor.editForm({ section: event.currentTarget.value })}>
              <option value="">Choose a section</option>
              {SETTINGS_SECTIONS.map((area) => (
                <option key={area.id} value={area.id}>
                  {area.label}
                </option>
              ))}
            </select>,
          );
        }
        if (name === 'customer') {
          return field(
            name,
            'Customer name',
            required,
            <>
              <input
                {...textProps(name, required)}
                list="filter-customer-options"
                autoComplete="off"
                onInput={(event) => {
                  editor.editForm({ customer: event.currentTarget.value });
                  suggestions.findCustomers(event.currentTarget.value);
                }}
              />
              <datalist id="filter-customer-options" data-testid="filter-customer-options">
                {suggestions.customers.value.map((customer) => (
                  <option key={customer.id} value={customer.name}>
                    {customer.deleted ? `${customer.name} (deleted)` : customer.name}
                  </option>
                ))}
              </datalist>
            </>,
          );
        }
        if (name === 'user') {
          return field(
            name,
            FIELD_LABELS[name],
            required,
            <>
              <input
                {...textProps(name, required)}
                list="filter-user-options"
                autoComplete="off"
                placeholder="Name or id"
                onInput={(event) => editor.editForm({ user: event.currentTarget.value })}
              />
              <datalist id="filter-user-options">
                {suggestions.actors.value.map(({ actor }) => (
                  <option key={`${actor.type}:${actor.id ?? actor.name}`} value={actor.name} />
                ))}
              </datalist>
            </>,
          );
        }
        return field(
          name,
          'Conversation id',
          required,
          <input {...textProps(name, required)} autoComplete="off" onInput={(event) => editor.editForm({ conversation: event.currentTarget.value })} />,
        );
      })}
      {field('from', 'From', false, <input {...textProps('from', false)} placeholder="YYYY-MM-DD" onInput={(event) => editor.editForm({ from: event.currentTarget.value })} />)}
      {field('to', 'To', false, <input {...textProps('to', false)} placeholder="YYYY-MM-DD" onInput={(event) => editor.editForm({ to: event.currentTarget.value })} />)}
      <div class="filter-form__actions">
        <button type="submit" data-testid="filter-apply">
          Apply Filters
        </button>
        {!editor.formExact.value && (
          <span class="options__hint" data-testid="filter-form-partial">
            The search box holds more than this form can show; Apply replaces the form's part and keeps the rest.
          </span>
        )}
      </div>
    </form>
  );
}
