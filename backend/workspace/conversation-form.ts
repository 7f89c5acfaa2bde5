import { type CustomRow, customPatch, rowsFromAttributes, rowsFromForm } from './custom-rows';
import { type FormFields, splitList, textOrNull } from './form-data';
import { fromLocalInput, toLocalInput } from './format';
import type { ConversationRow } from './queries';

/** The conversation form as typed. One person is the assignee here; the API allows several. */
export interface ConversationFormState {
  status: string;
  snoozedUntil: string;
  endedReason: string;
  priority: string;
  tags: string;
  assignee: string;
  assignedTeams: string[];
  custom: CustomRow[];
}

export function conversationFormFromRow(row: ConversationRow): ConversationFormState {
  return {
    status: row.status,
    snoozedUntil: toLocalInput(row.snoozedUntil),
    endedReason: row.endedReason ?? '',
    priority: row.priority,
    tags: row.tags.join(', '),
    assignee: row.assignedUsers[0] ?? '',
    assignedTeams: row.assignedTeams,
    custom: rowsFromAttributes(row.custom),
  };
}

export function conversationFormFromFields(form: FormFields): ConversationFormState {
  return {
    status: form.text('status'),
    snoozedUntil: form.text('snoozedUntil'),
    endedReason: form.text('endedReason'),
    priority: form.text('priority'),
    tags: form.text('tags'),
    assignee: form.text('assignee'),
    assignedTeams: form.all('assignedTeams'),
    custom: rowsFromForm(form),
  };
}

/**
 * The form as a body for the API's ConversationPatch schema (still to be
 * validated). The snooze time is only sent when snoozing and the reason only
 * when marking done: the shared patch logic clears them otherwise. The
 * assignee is only sent when it was changed, so a conversation assigned to
 * several people through the API keeps them all when other fields are saved.
 */
export function conversationPatchInput(state: ConversationFormState, current: ConversationRow): Record<string, unknown> {
  const input: Record<string, unknown> = {
    status: state.status,
    priority: state.priority,
    tags: splitList(state.tags),
    assignedTeams: state.assignedTeams,
    custom: customPatch(state.custom, current.custom),
  };
  if (state.status === 'snoozed') {
    // An untouched box keeps the exact time (the box shows minutes only).
    const untouched = current.snoozedUntil !== null && state.snoozedUntil === toLocalInput(current.snoozedUntil);
    input.snoozedUntil = untouched ? current.snoozedUntil : fromLocalInput(state.snoozedUntil);
  }
  if (state.status === 'done') input.endedReason = textOrNull(state.endedReason);
  if (state.assignee !== (current.assignedUsers[0] ?? '')) input.assignedUsers = state.assignee ? [state.assignee] : [];
  return input;
}
