import { type CustomRow, customPatch, rowsFromAttributes, rowsFromForm } from './custom-rows';
import { type FormFields, splitList, textOrNull } from './form-data';
import type { CustomerRow } from './queries';

/** The customer form as typed: what it shows, and what it shows again when a value is refused. */
export interface CustomerFormState {
  name: string;
  emails: string;
  phones: string;
  tags: string;
  location: string;
  timezone: string;
  defaultLanguage: string;
  custom: CustomRow[];
}

export function customerFormFromRow(row: CustomerRow): CustomerFormState {
  return {
    name: row.name,
    emails: row.emails.join(', '),
    phones: row.phones.join(', '),
    tags: row.tags.join(', '),
    location: row.location ?? '',
    timezone: row.timezone ?? '',
    defaultLanguage: row.defaultLanguage ?? '',
    custom: rowsFromAttributes(row.custom),
  };
}

export function customerFormFromFields(form: FormFields): CustomerFormState {
  return {
    name: form.text('name'),
    emails: form.text('emails'),
    phones: form.text('phones'),
    tags: form.text('tags'),
    location: form.text('location'),
    timezone: form.text('timezone'),
    defaultLanguage: form.text('defaultLanguage'),
    custom: rowsFromForm(form),
  };
}

/** The form as a body for the API's CustomerPatch schema (still to be validated). */
export function customerPatchInput(state: CustomerFormState, current: CustomerRow): Record<string, unknown> {
  return {
    name: state.name,
    emails: splitList(state.emails),
    phones: splitList(state.phones),
    tags: splitList(state.tags),
    location: textOrNull(state.location),
    timezone: textOrNull(state.timezone),
    defaultLanguage: textOrNull(state.defaultLanguage),
    custom: customPatch(state.custom, current.custom),
  };
}
