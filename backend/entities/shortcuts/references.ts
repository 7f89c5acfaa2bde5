import type { ShortcutActionInput } from '../../../shared/schemas/shortcuts';
import type { Tx } from '../../db/sql';
import { teams, users } from '../../db/schema';
import { assertReferences } from '../references';

/** The users and teams a shortcut's actions would assign, so they can be checked against the org. */
export function assigneesOf(actions: readonly ShortcutActionInput[]) {
  return {
    users: actions.flatMap((a) => (a.property === 'assignedUsers' ? a.value : [])),
    teams: actions.flatMap((a) => (a.property === 'assignedTeams' ? a.value : [])),
  };
}

/** 400 unless every user and team a shortcut shares with or assigns belongs to the org. */
export async function assertShortcutReferences(
  tx: Tx,
  orgId: string,
  input: { sharedUsers?: string[]; sharedTeams?: string[]; actions?: ShortcutActionInput[] },
): Promise<void> {
  const assignees = assigneesOf(input.actions ?? []);
  await assertReferences(tx, orgId, users, 'sharedUsers', input.sharedUsers ?? []);
  await assertReferences(tx, orgId, teams, 'sharedTeams', input.sharedTeams ?? []);
  await assertReferences(tx, orgId, users, 'actions.assignedUsers', assignees.users);
  await assertReferences(tx, orgId, teams, 'actions.assignedTeams', assignees.teams);
}
