import { Fragment } from 'preact';
import { CATEGORIES } from '../../../shared/enums';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../../../shared/schemas/retention';
import { CATEGORY_LABELS } from '../../lib/admin/retention-form';
import type { RetentionModel } from '../../lib/admin/retention-model';

/** The workspace's retention in days, and per event type days that override it (empty: as the workspace). */
export function RetentionSettings({ model }: { model: InstanceType<typeof RetentionModel> }) {
  const form = model.form.value;
  const invalid = model.invalid.value;
  const error = model.error.value;
  const field = (id: string, name: 'days' | keyof typeof CATEGORY_LABELS) => ({
    id,
    type: 'number' as const,
    inputMode: 'numeric' as const,
    min: MIN_RETENTION_DAYS,
    max: MAX_RETENTION_DAYS,
    'aria-invalid': invalid === name ? true : undefined,
    'aria-describedby': invalid === name ? 'retention-error' : undefined,
  });
  return (
    <section class="settings__block" aria-labelledby="retention-title" data-testid="settings-retention">
      <h3 id="retention-title">Retention</h3>
      <p class="options__hint">
        Audit rows older than this are deleted. Between {MIN_RETENTION_DAYS} and {MAX_RETENTION_DAYS} days; an event type left
        empty keeps its rows as long as the workspace does.
      </p>
      <form
        class="settings__grid"
        onSubmit={(event) => {
          event.preventDefault();
          void model.save();
        }}
      >
        <label for="retention-days">Workspace (days)</label>
        <input
          {...field('retention-days', 'days')}
          data-testid="retention-days"
          required
          value={form.days}
          onInput={(event) => model.setDays(event.currentTarget.value)}
        />
        {CATEGORIES.map((category) => (
          <Fragment key={category}>
            <label for={`retention-${category}`}>{CATEGORY_LABELS[category]} (days)</label>
            <input
              {...field(`retention-${category}`, category)}
              data-testid={`retention-${category}`}
              placeholder={form.days ? `${form.days} (workspace)` : ''}
              value={form.categoryDays[category]}
              onInput={(event) => model.setCategoryDays(category, event.currentTarget.value)}
            />
          </Fragment>
        ))}
        <div class="settings__actions">
          <button type="submit" data-testid="retention-save" disabled={model.saving.value || !model.loaded.value}>
            Save retention
          </button>
          {model.saved.value ? (
            <span role="status" data-testid="retention-saved">
              Saved.
            </span>
          ) : null}
        </div>
        {error ? (
          <p id="retention-error" class="settings__error" role="alert" data-testid="retention-error">
            {error}
          </p>
        ) : null}
      </form>
    </section>
  );
}
