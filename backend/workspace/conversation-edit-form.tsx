/** @jsxImportSource hono/jsx */
import { CONVERSATION_STATUSES, PRIORITIES } from '../../shared/enums';
import type { ConversationFormState } from './conversation-form';
import type { FieldErrors } from './form-data';
import { humanize } from './format';
import { controlProps, CustomRowsInput, Field, FieldError, FormErrors, LIST_HINT, SubmitActions, TextField } from './ui';

export interface Option {
  id: string;
  name: string;
}

interface Props {
  id: string;
  state: ConversationFormState;
  users: Option[];
  teams: Option[];
  errors?: FieldErrors | undefined;
}

/**
 * Status, priority, assignment, tags and custom attributes. Saving records
 * one audit row per changed property, like a PATCH through the API.
 */
export function ConversationEditForm({ id, state, users, teams, errors }: Props) {
  // Someone assigned through the API may no longer be listed; keep them selectable.
  const assignees = state.assignee && !users.some((u) => u.id === state.assignee) ? [...users, { id: state.assignee, name: 'Unknown user' }] : users;
  return (
    <form method="post" action={`/workspace/conversations/${id}`} class="stacked" data-testid="conversation-form" novalidate>
      <FormErrors errors={errors} />
      <fieldset>
        <legend>Status</legend>
        <div class="choices" role="radiogroup">
          {CONVERSATION_STATUSES.map((status) => (
            <label>
              <input type="radio" name="status" value={status} checked={state.status === status} data-testid={`status-${status}`} />
              {humanize(status)}
            </label>
          ))}
        </div>
        <FieldError name="status" messages={errors?.status ?? []} />
        <Field name="snoozedUntil" label="Snooze until (UTC)" hint="Needed when snoozing." errors={errors}>
          <input type="datetime-local" value={state.snoozedUntil} {...controlProps('snoozedUntil', errors)} />
        </Field>
        <TextField name="endedReason" label="Ended reason" hint="Why it is done (optional)." value={state.endedReason} errors={errors} />
      </fieldset>
      <div class="row">
        <Field name="priority" label="Priority" errors={errors}>
          <select {...controlProps('priority', errors)}>
            {PRIORITIES.map((priority) => (
              <option value={priority} selected={state.priority === priority}>
                {humanize(priority)}
              </option>
            ))}
          </select>
        </Field>
        <Field name="assignee" label="Assignee" errors={errors}>
          <select {...controlProps('assignee', errors)}>
            <option value="" selected={state.assignee === ''}>
              Unassigned
            </option>
            {assignees.map((user) => (
              <option value={user.id} selected={state.assignee === user.id}>
                {user.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset data-testid="assigned-teams">
        <legend>Assigned teams</legend>
        {teams.length === 0 ? <span class="hint">This workspace has no teams yet.</span> : null}
        <div class="choices">
          {teams.map((team) => (
            <label>
              <input
                type="checkbox"
                name="assignedTeams"
                value={team.id}
                checked={state.assignedTeams.includes(team.id)}
                data-testid={`team-${team.id}`}
              />
              {team.name}
            </label>
          ))}
        </div>
        <FieldError name="assignedTeams" messages={errors?.assignedTeams ?? []} />
      </fieldset>
      <TextField name="tags" label="Tags" hint={LIST_HINT} value={state.tags} errors={errors} />
      <CustomRowsInput rows={state.custom} errors={errors} />
      <SubmitActions testid="save-conversation" label="Save conversation" />
    </form>
  );
}

/**
 * Shows the snooze time only when snoozing and the reason only when done.
 * Without JavaScript both stay visible and the form works the same.
 */
export const STATUS_SCRIPT = `
(() => {
  const form = document.querySelector('[data-testid="conversation-form"]');
  if (!form) return;
  const sync = () => {
    const status = form.querySelector('input[name="status"]:checked')?.value;
    form.querySelector('#f-snoozedUntil').closest('.field').hidden = status !== 'snoozed';
    form.querySelector('#f-endedReason').closest('.field').hidden = status !== 'done';
  };
  form.addEventListener('change', sync);
  sync();
})();
`;
