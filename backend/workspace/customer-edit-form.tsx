/** @jsxImportSource hono/jsx */
import type { CustomerFormState } from './customer-form';
import type { FieldErrors } from './form-data';
import { controlProps, CustomRowsInput, Field, FormErrors } from './ui';

/** The customer's editable attributes; saving records one audit row per changed property. */
export function CustomerEditForm({ id, state, errors }: { id: string; state: CustomerFormState; errors?: FieldErrors | undefined }) {
  return (
    <form method="post" action={`/workspace/customers/${id}`} class="stacked" data-testid="customer-form" novalidate>
      <FormErrors errors={errors} />
      <Field name="name" label="Name" errors={errors}>
        <input type="text" value={state.name} required {...controlProps('name', errors)} />
      </Field>
      <Field name="emails" label="Emails" hint="Separate several with commas." errors={errors}>
        <input type="text" value={state.emails} inputmode="email" {...controlProps('emails', errors)} />
      </Field>
      <Field name="phones" label="Phones" hint="Separate several with commas." errors={errors}>
        <input type="text" value={state.phones} inputmode="tel" {...controlProps('phones', errors)} />
      </Field>
      <Field name="tags" label="Tags" hint="Separate several with commas." errors={errors}>
        <input type="text" value={state.tags} {...controlProps('tags', errors)} />
      </Field>
      <Field name="location" label="Location" errors={errors}>
        <input type="text" value={state.location} {...controlProps('location', errors)} />
      </Field>
      <div class="row">
        <Field name="timezone" label="Time zone" hint="e.g. Europe/Madrid" errors={errors}>
          <input type="text" value={state.timezone} {...controlProps('timezone', errors)} />
        </Field>
        <Field name="defaultLanguage" label="Default language" hint="e.g. en, pt-BR" errors={errors}>
          <input type="text" value={state.defaultLanguage} {...controlProps('defaultLanguage', errors)} />
        </Field>
      </div>
      <CustomRowsInput rows={state.custom} errors={errors} />
      <div class="actions">
        <button type="submit" data-testid="save-customer">
          Save customer
        </button>
      </div>
    </form>
  );
}
