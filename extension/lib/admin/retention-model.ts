import { batch, createModel, signal } from '@preact/signals';
import type { Category } from '../../../shared/enums';
import { type AdminDeps, unanswered } from './admin-deps';
import { formOfRetention, type RetentionForm, retentionOfForm } from './retention-form';

export type RetentionDeps = Pick<AdminDeps, 'getRetention' | 'setRetention'>;

const EMPTY_FORM: RetentionForm = formOfRetention({ days: 0, categoryDays: {} });

/**
 * How long the workspace keeps its log: the workspace's days and, per event
 * type, days that override them. Saved as a whole; the form then shows what
 * the backend stored.
 */
export const RetentionModel = createModel((deps: RetentionDeps) => {
  const form = signal<RetentionForm>(EMPTY_FORM);
  const loaded = signal(false);
  const saving = signal(false);
  /** The field the error is about, for the form to point at. */
  const invalid = signal<'days' | Category | null>(null);
  const error = signal<string | null>(null);
  const saved = signal(false);

  const fail = (message: string, field: 'days' | Category | null = null) =>
    batch(() => {
      error.value = message;
      invalid.value = field;
      saved.value = false;
    });

  return {
    form,
    loaded,
    saving,
    invalid,
    error,
    saved,

    async load() {
      const result = await deps.getRetention().catch(() => unanswered<never>());
      if (!result.ok) return fail(result.error.message);
      batch(() => {
        form.value = formOfRetention(result.value);
        loaded.value = true;
        error.value = null;
      });
    },

    setDays(days: string) {
      form.value = { ...form.value, days };
      saved.value = false;
    },

    setCategoryDays(category: Category, days: string) {
      form.value = { ...form.value, categoryDays: { ...form.value.categoryDays, [category]: days } };
      saved.value = false;
    },

    async save() {
      if (saving.value) return;
      const input = retentionOfForm(form.value);
      if (!input.ok) return fail(input.message, input.field);
      saving.value = true;
      const result = await deps.setRetention(input.value).catch(() => unanswered<never>());
      saving.value = false;
      if (!result.ok) return fail(result.error.message);
      batch(() => {
        form.value = formOfRetention(result.value);
        error.value = null;
        invalid.value = null;
        saved.value = true;
      });
    },
  };
});
