import { computed, signal } from '@preact/signals';
import { filterOfForm, formErrors, formOfFilter, type FilterForm } from './filter/seed-form';
import { formatQualifiers, parseQualifiers, type QueryError } from './filter/qualifiers';
import type { LogFilter } from './filter/log-filter';

/**
 * The two ways to write the filter, kept in step with it: the seed's Filter
 * form and the qualifier search box. Each shows the filter in force until
 * the person edits it; Apply (or Enter in the box) replaces the filter, and
 * the other one then shows the new filter too.
 */
export function createFilterEditor(apply: (filter: LogFilter) => void) {
  let current: LogFilter = { include: {}, exclude: {} };
  const form = signal<FilterForm>(formOfFilter(current).form);
  /** False when the filter says more than the form can show (the search box shows all of it). */
  const formExact = signal(true);
  /** Shown beside the fields after an Apply that could not go ahead. */
  const showErrors = signal(false);
  const errors = computed(() => formErrors(form.value));
  const text = signal('');
  const queryError = signal<QueryError | null>(null);

  /** The filter in force changed (applied here, from the URL, the chart, the drawer…). */
  function show(filter: LogFilter): void {
    current = filter;
    const shown = formOfFilter(filter);
    form.value = shown.form;
    formExact.value = shown.exact;
    showErrors.value = false;
    text.value = formatQualifiers(filter);
    queryError.value = null;
  }

  function editForm(change: Partial<FilterForm>): void {
    form.value = { ...form.peek(), ...change };
  }

  /** Apply Filters: the form's filter, keeping what the form does not show; refused while a field is wrong. */
  function applyForm(): boolean {
    if (Object.keys(errors.peek()).length > 0) {
      showErrors.value = true;
      return false;
    }
    apply(filterOfForm(form.peek(), current));
    return true;
  }

  function editText(value: string): void {
    text.value = value;
    queryError.value = null;
  }

  /** The search box's query as the filter, or where it is malformed. */
  function applyText(): boolean {
    const parsed = parseQualifiers(text.peek());
    if (!parsed.ok) {
      queryError.value = parsed.error;
      return false;
    }
    apply(parsed.filter);
    return true;
  }

  return { form, formExact, showErrors, errors, text, queryError, show, editForm, applyForm, editText, applyText };
}

export type FilterEditor = ReturnType<typeof createFilterEditor>;
