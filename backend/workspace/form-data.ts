import type { Context } from 'hono';
import type * as v from 'valibot';
import { ApiError } from '../errors';

/** Messages to show next to form fields, by field name; `form` holds those about the whole form. */
export type FieldErrors = Record<string, string[]>;

/** A submitted form: every field as text, repeated fields as lists. */
export interface FormFields {
  text(name: string): string;
  all(name: string): string[];
}

/**
 * Reads an HTML form post. Anything else is refused: the CSRF check only
 * looks at the content types a cross-site form can send, so the workspace
 * accepts no other kind of body.
 */
export async function readForm(c: Context): Promise<FormFields> {
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the form as application/x-www-form-urlencoded.');
  }
  const body = await c.req.parseBody({ all: true });
  const all = (name: string): string[] => {
    const value = body[name];
    const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
    return list.filter((item): item is string => typeof item === 'string');
  };
  return { all, text: (name) => all(name)[0] ?? '' };
}

/** "a, b,,c" → ["a", "b", "c"]: how lists (emails, phones, tags) are typed into one box. */
export function splitList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** An emptied optional box clears the attribute. */
export function textOrNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * Valibot's issues as messages by form field. A problem with one item of a
 * list quotes the item, so "ana@" in a list of emails is easy to find.
 */
export function issuesByField(issues: readonly v.BaseIssue<unknown>[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const [field, item] = issue.path ?? [];
    const name = typeof field?.key === 'string' ? field.key : 'form';
    const quoted = item && typeof issue.input === 'string' ? `“${issue.input}” ${issue.message}` : issue.message;
    (errors[name] ??= []).push(quoted);
  }
  return errors;
}

/** An ApiError's `details` (e.g. an unknown assignee) as messages by field. */
export function detailsByField(error: ApiError): FieldErrors {
  const details = Array.isArray(error.details) ? (error.details as Array<{ path?: unknown; message?: unknown }>) : [];
  if (details.length === 0) return { form: [error.message] };
  const errors: FieldErrors = {};
  for (const detail of details) {
    const name = typeof detail.path === 'string' ? detail.path.split('.')[0]! : 'form';
    (errors[name] ??= []).push(`${error.message} ${typeof detail.message === 'string' ? `(${detail.message})` : ''}`.trim());
  }
  return errors;
}
