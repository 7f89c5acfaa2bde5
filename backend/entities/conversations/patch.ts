import type { ConversationPatchInput } from '../../../shared/schemas/conversations';
import type { AuditContext } from '../../audit/context';
import type { EntityPatch } from '../../audit/engine';
import type { Tx } from '../../db/sql';
import { conversations, customers, queues, teams, users } from '../../db/schema';
import { assertReferences } from '../references';

/** Answers 400 unless every assigned user and team belongs to the org. */
export async function assertAssignees(tx: Tx, orgId: string, input: { assignedUsers?: string[]; assignedTeams?: string[] }) {
  await assertReferences(tx, orgId, users, 'assignedUsers', input.assignedUsers ?? []);
  await assertReferences(tx, orgId, teams, 'assignedTeams', input.assignedTeams ?? []);
}

/**
 * Answers 400 unless the customer, queue and accepting agent a change names
 * are live objects of the org. Only merges and routing set them, and both
 * check; a restore puts back recorded values, which may name something
 * deleted or merged away since.
 */
export async function assertConversationLinks(
  tx: Tx,
  orgId: string,
  change: { customerId?: string | undefined; queueId?: string | null | undefined; acceptedBy?: string | null | undefined },
) {
  await assertReferences(tx, orgId, customers, 'customerId', [change.customerId]);
  await assertReferences(tx, orgId, queues, 'queueId', [change.queueId]);
  await assertReferences(tx, orgId, users, 'acceptedBy', [change.acceptedBy]);
}

/**
 * Turns a valid conversation patch into the change to write: checks the
 * assignees, and keeps the status fields consistent. Shared by the API and
 * the workspace's forms so both record the same change.
 */
export async function conversationPatch(
  tx: Tx,
  ctx: AuditContext,
  input: ConversationPatchInput,
  current: typeof conversations.$inferSelect,
): Promise<EntityPatch<typeof conversations>> {
  await assertAssignees(tx, ctx.orgId, input);
  // Leaving the snoozed status ends the snooze; reopening clears why it ended.
  const status = input.status ?? current.status;
  const patch = { ...input };
  if (status !== 'snoozed') patch.snoozedUntil = null;
  if (status === 'open' && input.status === 'open') patch.endedReason = null;
  return patch;
}
