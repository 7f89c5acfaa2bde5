/** @jsxImportSource hono/jsx */
import type { CustomerFormState } from './customer-form';
import type { FieldErrors } from './form-data';
import { CustomRowsInput, FormErrors, LIST_HINT, SubmitActions, TextField } from './ui';

/** The customer's editable attributes; saving records one audit row per changed property. */
export function CustomerEditForm({ id, state, errors }: { id: string; state: CustomerFormState; errors?: FieldErrors | undefined }) {
  return (
    <form method="post" action={`/workspace/customers/${id}`} class="stacked" data-testid="customer-form" novalidate>
      <FormErrors errors={errors} />
      <TextField name="name" label="Name" value={state.name} input={{ required: true }} errors={errors} />
      <TextField name="emails" label="Emails" hint={LIST_HINT} value={state.emails} input={{ inputmode: 'email' }} errors={errors} />
      <TextField name="phones" label="Phones" hint={LIST_HINT} value={state.phones} input={{ inputmode: 'tel' }} errors={errors} />
      <TextField name="tags" label="Tags" hint={LIST_HINT} value={state.tags} errors={errors} />
      <TextField name="location" label="Location" value={state.location} errors={errors} />
      <div class="row">
        <TextField name="timezone" label="Time zone" hint="e.g. Europe/Madrid" value={state.timezone} errors={errors} />
        <TextField name="defaultLanguage" label="Default language" hint="e.g. en, pt-BR" value={state.defaultLanguage} errors={errors} />
      </div>
      <CustomRowsInput rows={state.custom} errors={errors} />
      <SubmitActions testid="save-customer" label="Save customer" />
    </form>
  );
}
