import { ACTOR_KINDS, type ActorKind, type AuditEventName, CATEGORIES, EVENTS, SECTIONS, type Section } from '../../../shared/enums';
import { CATEGORY_LABELS } from '../../lib/admin/retention-form';
import type { Amount, SizeUnit, StartAt, TimeUnit } from '../../lib/admin/stream-form';
import type { StreamsModel } from '../../lib/admin/streams-model';
import { humanize } from '../../lib/panel/format';

type Model = InstanceType<typeof StreamsModel>;

const SIZE_UNITS: SizeUnit[] = ['KB', 'MB', 'GB'];
const TIME_UNITS: TimeUnit[] = ['minutes', 'hours', 'days'];
const ACTOR_KIND_LABELS: Record<ActorKind, string> = { person: 'People', automation: 'Automations' };

const selected = (select: HTMLSelectElement) => [...select.selectedOptions].map((option) => option.value);

/** A destination's settings: added (with where to start) or changed (its kind stays). */
export function StreamDestinationForm({ model }: { model: Model }) {
  const form = model.form.value;
  const creating = model.mode.value.kind === 'create';
  const id = creating ? 'stream-new' : 'stream-edit';
  return (
    <form
      class="settings__grid settings__stream-form"
      data-testid="stream-form"
      aria-label={creating ? 'New stream destination' : `Settings of ${form.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        void model.submit();
      }}
    >
      {creating ? (
        <>
          <label for={`${id}-kind`}>Kind</label>
          <select id={`${id}-kind`} data-testid="stream-kind" value={form.kind} onChange={(event) => model.edit({ kind: event.currentTarget.value as typeof form.kind })}>
            <option value="webhook">HTTPS webhook</option>
            <option value="jsonl_file">JSON Lines file</option>
          </select>
        </>
      ) : null}
      <label for={`${id}-name`}>Name</label>
      <input id={`${id}-name`} data-testid="stream-name" maxLength={100} placeholder="Security team's SIEM" value={form.name} onInput={(event) => model.edit({ name: event.currentTarget.value })} />
      {form.kind === 'webhook' ? (
        <>
          <label for={`${id}-url`}>URL</label>
          <input id={`${id}-url`} data-testid="stream-url" type="url" placeholder="https://siem.example.com/auditdesk" value={form.url} onInput={(event) => model.edit({ url: event.currentTarget.value })} />
        </>
      ) : (
        <>
          <label for={`${id}-directory`}>Folder</label>
          <input id={`${id}-directory`} data-testid="stream-directory" maxLength={64} placeholder="siem" value={form.directory} onInput={(event) => model.edit({ directory: event.currentTarget.value })} />
          <AmountField label="New file at" id={`${id}-rotate-size`} amount={form.rotateSize} units={SIZE_UNITS} onChange={(rotateSize) => model.edit({ rotateSize })} />
          <AmountField label="or every" id={`${id}-rotate-age`} amount={form.rotateAge} units={TIME_UNITS} onChange={(rotateAge) => model.edit({ rotateAge })} />
        </>
      )}
      <fieldset class="settings__span" data-testid="stream-categories">
        <legend>Event types (none ticked: all)</legend>
        {CATEGORIES.map((category) => (
          <label key={category}>
            <input
              type="checkbox"
              value={category}
              checked={form.categories.includes(category)}
              onChange={() =>
                model.edit({ categories: form.categories.includes(category) ? form.categories.filter((c) => c !== category) : CATEGORIES.filter((c) => c === category || form.categories.includes(c)) })
              }
            />{' '}
            {CATEGORY_LABELS[category]}
          </label>
        ))}
      </fieldset>
      <label for={`${id}-events`}>Events (none: all)</label>
      <select id={`${id}-events`} data-testid="stream-events" multiple size={4} onChange={(event) => model.edit({ events: selected(event.currentTarget) as AuditEventName[] })}>
        {EVENTS.map((name) => (
          <option key={name} value={name} selected={form.events.includes(name)}>
            {humanize(name)}
          </option>
        ))}
      </select>
      <label for={`${id}-sections`}>Sections (none: all)</label>
      <select id={`${id}-sections`} data-testid="stream-sections" multiple size={4} onChange={(event) => model.edit({ sections: selected(event.currentTarget) as Section[] })}>
        {SECTIONS.map((name) => (
          <option key={name} value={name} selected={form.sections.includes(name)}>
            {humanize(name)}
          </option>
        ))}
      </select>
      <label for={`${id}-actor-kind`}>Performed by</label>
      <select id={`${id}-actor-kind`} data-testid="stream-actor-kind" value={form.actorKind} onChange={(event) => model.edit({ actorKind: event.currentTarget.value as ActorKind | '' })}>
        <option value="">Anyone</option>
        {ACTOR_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {ACTOR_KIND_LABELS[kind]}
          </option>
        ))}
      </select>
      {creating ? (
        <>
          <label for={`${id}-start`}>Start with</label>
          <select id={`${id}-start`} data-testid="stream-start" value={form.startAt} onChange={(event) => model.edit({ startAt: event.currentTarget.value as StartAt })}>
            <option value="now">events recorded from now on</option>
            <option value="oldest">the oldest event the log keeps</option>
          </select>
        </>
      ) : null}
      <AmountField label="Pause after failing for" id={`${id}-pause-after`} amount={form.pauseAfter} units={TIME_UNITS} onChange={(pauseAfter) => model.edit({ pauseAfter })} />
      <div class="settings__actions">
        <button type="submit" data-testid="stream-save" disabled={model.busy.value}>
          {creating ? 'Create destination' : 'Save changes'}
        </button>
        <button type="button" data-testid="stream-form-cancel" onClick={() => model.closeForm()}>
          Cancel
        </button>
      </div>
    </form>
  );
}

interface AmountProps<U extends string> {
  label: string;
  id: string;
  amount: Amount<U>;
  units: U[];
  onChange(amount: Amount<U>): void;
}

function AmountField<U extends string>({ label, id, amount, units, onChange }: AmountProps<U>) {
  return (
    <>
      <label for={id}>{label}</label>
      <span class="settings__amount">
        <input id={id} data-testid={id} inputMode="decimal" size={6} value={amount.value} onInput={(event) => onChange({ ...amount, value: event.currentTarget.value })} />
        <select aria-label={`${label}: unit`} data-testid={`${id}-unit`} value={amount.unit} onChange={(event) => onChange({ ...amount, unit: event.currentTarget.value as U })}>
          {units.map((unit) => (
            <option key={unit} value={unit}>
              {unit}
            </option>
          ))}
        </select>
      </span>
    </>
  );
}
