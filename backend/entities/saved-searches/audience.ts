import type { Tx } from '../../db/sql';
import { teams, users } from '../../db/schema';
import { assertReferences } from '../references';

/** A saved search is only shown to users and teams of its own workspace (400 otherwise). */
export async function assertAudience(tx: Tx, orgId: string, input: { visibleToUsers?: string[] | undefined; visibleToTeams?: string[] | undefined }) {
  await assertReferences(tx, orgId, users, 'visibleToUsers', input.visibleToUsers ?? []);
  await assertReferences(tx, orgId, teams, 'visibleToTeams', input.visibleToTeams ?? []);
}
