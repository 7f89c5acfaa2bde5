import * as v from 'valibot';
import type { Retention } from '../../../shared/api-client';
import { CATEGORIES, type Category } from '../../../shared/enums';
import { RetentionPut, type RetentionPutInput } from '../../../shared/schemas/retention';

/** The retention form as typed: text fields; an empty category follows the workspace's days. */
export interface RetentionForm {
  days: string;
  categoryDays: Record<Category, string>;
}

export const CATEGORY_LABELS: Record<Category, string> = {
  authorization: 'Authorization',
  billing: 'Billing',
  conversation: 'Conversation',
  customer: 'Customer',
  settings: 'Settings',
  work_session: 'Work Session',
};

export function formOfRetention(retention: Retention): RetentionForm {
  const categoryDays = Object.fromEntries(
    CATEGORIES.map((category) => {
      const days = retention.categoryDays[category];
      return [category, days === undefined ? '' : String(days)];
    }),
  ) as Record<Category, string>;
  return { days: String(retention.days), categoryDays };
}

export type RetentionFormResult =
  | { ok: true; value: RetentionPutInput }
  | { ok: false; field: 'days' | Category; message: string };

function daysOf(text: string): number | string {
  const trimmed = text.trim();
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/**
 * The PUT body of a filled form, checked with the API's own schema, or the
 * first field that is wrong and why ("Billing must be at least 30 days").
 */
export function retentionOfForm(form: RetentionForm): RetentionFormResult {
  const categoryDays: Partial<Record<Category, number | string>> = {};
  for (const category of CATEGORIES) {
    const text = form.categoryDays[category].trim();
    if (text !== '') categoryDays[category] = daysOf(text);
  }
  const body = { days: daysOf(form.days), categoryDays };
  for (const [field, value] of [['days', body.days], ...Object.entries(categoryDays)] as Array<['days' | Category, number | string]>) {
    const label = field === 'days' ? 'The workspace retention' : CATEGORY_LABELS[field];
    if (typeof value === 'string') return { ok: false, field, message: `${label} must be a whole number of days.` };
  }
  const parsed = v.safeParse(RetentionPut, body);
  if (parsed.success) return { ok: true, value: parsed.output };
  const issue = parsed.issues[0];
  const path = issue ? v.getDotPath(issue) : null;
  const field = (path?.startsWith('categoryDays.') ? path.slice('categoryDays.'.length) : 'days') as 'days' | Category;
  const label = field === 'days' ? 'The workspace retention' : CATEGORY_LABELS[field];
  return { ok: false, field, message: `${label} ${issue?.message ?? 'is not valid'}.` };
}
