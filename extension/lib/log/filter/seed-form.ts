import type { Category, Section } from '../../../../shared/enums';
import { normalizeFilter, sameFilter, type ListField, type LogFilter } from './log-filter';
import { endMs, startMs } from './time';
import { checkDate, checkValue } from './values';

/**
 * The Filter form of the workspace audit log: an Event Type, that type's
 * criteria (some required, some optional), a date range, Apply Filters.
 */

export type FormField = 'user' | 'conversation' | 'customer' | 'section';

export interface FilterForm {
  eventType: 'all' | Category;
  /** A user or API key: its id or name. */
  user: string;
  /** A conversation id. */
  conversation: string;
  /** A customer's name (or id). */
  customer: string;
  /** One of SETTINGS_SECTIONS' ids, or empty. */
  section: string;
  /** A day (YYYY-MM-DD) or an instant, inclusive; empty for none. */
  from: string;
  /** A day (through its end) or an instant (exclusive); empty for none. */
  to: string;
}

type FieldRule = { name: FormField; required: boolean };
const required = (name: FormField): FieldRule => ({ name, required: true });
const optional = (name: FormField): FieldRule => ({ name, required: false });

/** The Event Types and each one's criteria, in the order the form lists them. */
export const EVENT_TYPES: ReadonlyArray<{ id: 'all' | Category; label: string; fields: ReadonlyArray<FieldRule> }> = [
  { id: 'all', label: 'All Events', fields: [required('user')] },
  { id: 'authorization', label: 'Authorization', fields: [required('user')] },
  { id: 'billing', label: 'Billing', fields: [required('user')] },
  { id: 'conversation', label: 'Conversation', fields: [required('conversation'), optional('user')] },
  { id: 'customer', label: 'Customer', fields: [required('customer'), optional('user')] },
  { id: 'settings', label: 'Settings', fields: [required('section'), optional('user')] },
  { id: 'work_session', label: 'Work Session', fields: [required('user')] },
];

/** The platform areas the Settings event type filters on, and the log sections each covers. */
export const SETTINGS_SECTIONS: ReadonlyArray<{ id: string; label: string; sections: Section[] }> = [
  { id: 'searches', label: 'Searches', sections: ['saved_search', 'search_settings'] },
  { id: 'shortcuts', label: 'Shortcuts', sections: ['shortcut'] },
  { id: 'business_rules', label: 'Business Rules', sections: ['business_rule'] },
  { id: 'access', label: 'Access', sections: ['access'] },
  { id: 'workflows', label: 'Workflows', sections: ['workflow'] },
];

export const FIELD_LABELS: Record<FormField, string> = { user: 'User', conversation: 'Conversation', customer: 'Customer', section: 'Section' };

/** The log filter each form field sets. */
const FILTER_OF_FIELD: Record<Exclude<FormField, 'section'>, ListField> = { user: 'actor', conversation: 'conversation', customer: 'customer' };

export const EMPTY_FORM: FilterForm = Object.freeze({ eventType: 'all', user: '', conversation: '', customer: '', section: '', from: '', to: '' });

/** The criteria the form shows for its event type. */
export function fieldsOf(eventType: FilterForm['eventType']): ReadonlyArray<FieldRule> {
  return EVENT_TYPES.find((type) => type.id === eventType)?.fields ?? [];
}

/** What to say beside each field before Apply; empty when the form may be applied. */
export function formErrors(form: FilterForm): Partial<Record<FormField | 'from' | 'to', string>> {
  const errors: Partial<Record<FormField | 'from' | 'to', string>> = {};
  for (const { name, required } of fieldsOf(form.eventType)) {
    const value = form[name].trim();
    if (value === '') {
      if (required) errors[name] = `${FIELD_LABELS[name]} is required for this event type`;
    } else if (name === 'section') {
      if (!SETTINGS_SECTIONS.some((area) => area.id === value)) errors.section = 'Choose one of the sections';
    } else {
      const checked = checkValue(FILTER_OF_FIELD[name], value);
      if (!checked.ok) errors[name] = `${FIELD_LABELS[name]} ${checked.message}`;
    }
  }
  const from = form.from.trim() === '' ? undefined : checkDate(form.from);
  const to = form.to.trim() === '' ? undefined : checkDate(form.to);
  if (from && !from.ok) errors.from = `Start ${from.message}`;
  if (to && !to.ok) errors.to = `End ${to.message}`;
  if (from?.ok && to?.ok && startMs(from.value) >= endMs(to.value)) errors.to = 'The end must come after the start';
  return errors;
}

/** The form's own filters, which Apply replaces; the rest of `keep` survives it. */
const FORM_FILTERS: readonly ListField[] = ['category', 'actor', 'conversation', 'customer', 'section'];

/**
 * The filter an applied form says. From `keep` (the filter in force) the
 * form takes what it does not show: the free text, exclusions, events,
 * properties and the people-or-automations choice.
 */
export function filterOfForm(form: FilterForm, keep?: LogFilter): LogFilter {
  const kept = normalizeFilter(keep ?? { include: {}, exclude: {} });
  const include = { ...kept.include };
  for (const field of FORM_FILTERS) delete include[field];
  const filter: LogFilter = { ...kept, include, exclude: kept.exclude };
  delete filter.from;
  delete filter.to;
  if (form.eventType !== 'all') include.category = [form.eventType];
  for (const { name } of fieldsOf(form.eventType)) {
    const value = form[name].trim();
    if (value === '') continue;
    if (name === 'section') {
      const area = SETTINGS_SECTIONS.find((entry) => entry.id === value);
      if (area) include.section = [...area.sections];
    } else {
      const checked = checkValue(FILTER_OF_FIELD[name], value);
      include[FILTER_OF_FIELD[name]] = [checked.ok ? checked.value : value];
    }
  }
  if (form.from.trim() !== '') filter.from = form.from.trim();
  if (form.to.trim() !== '') filter.to = form.to.trim();
  return normalizeFilter(filter);
}

const single = (values: string[] | undefined): string => (values?.length === 1 ? (values[0] as string) : '');

/**
 * The form that shows a filter. `exact` is false when the filter says more
 * than the form can show (several event types, exclusions, events…); the
 * free text is the search box's and does not count.
 */
export function formOfFilter(f: LogFilter): { form: FilterForm; exact: boolean } {
  const filter = normalizeFilter(f);
  const category = single(filter.include.category);
  const eventType = EVENT_TYPES.find((type) => type.id === category)?.id ?? 'all';
  const form: FilterForm = { ...EMPTY_FORM, eventType, from: filter.from ?? '', to: filter.to ?? '' };
  const shown = new Set(fieldsOf(eventType).map((field) => field.name));
  if (shown.has('user')) form.user = single(filter.include.actor);
  if (shown.has('conversation')) form.conversation = single(filter.include.conversation);
  if (shown.has('customer')) form.customer = single(filter.include.customer);
  if (shown.has('section')) {
    const sections = new Set(filter.include.section ?? []);
    const area = SETTINGS_SECTIONS.find((entry) => entry.sections.length === sections.size && entry.sections.every((s) => sections.has(s)));
    form.section = area?.id ?? '';
  }
  const withoutFreeText: LogFilter = { ...filter };
  delete withoutFreeText.q;
  return { form, exact: sameFilter(filterOfForm(form), withoutFreeText) };
}
