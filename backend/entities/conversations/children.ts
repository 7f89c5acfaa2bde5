import { and, eq, isNull } from 'drizzle-orm';
import type { AuditContext } from '../../audit/context';
import type { EntityDefinition } from '../../audit/definition';
import { updateEntity } from '../../audit/engine';
import type { Tx } from '../../db/sql';
import { messages, surveys, voiceRecordings } from '../../db/schema';
import { messageEntity } from '../messages/definition';
import { surveyEntity } from '../satisfaction/definition';
import { voiceRecordingEntity } from '../voice/definition';

type Child = typeof messages | typeof surveys | typeof voiceRecordings;
const CHILDREN: Array<[Child, EntityDefinition<Child>]> = [
  [messages, messageEntity as EntityDefinition<Child>],
  [surveys, surveyEntity as EntityDefinition<Child>],
  [voiceRecordings, voiceRecordingEntity as EntityDefinition<Child>],
];

/**
 * Points everything that belongs to a conversation (messages, surveys, voice
 * recordings) at a new conversation and/or customer. These columns only
 * follow the conversation, so they are written as system columns; the
 * conversation's own audited change (a merge, a customer move) records why.
 * Returns how many children moved.
 */
export async function relinkChildren(
  tx: Tx,
  ctx: AuditContext,
  conversationId: string,
  to: { conversationId?: string; customerId?: string },
): Promise<number> {
  let moved = 0;
  for (const [table, def] of CHILDREN) {
    const rows = await tx
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.orgId, ctx.orgId), eq(table.conversationId, conversationId), isNull(table.deletedAt)));
    for (const { id } of rows) {
      await updateEntity(tx, ctx, def, id, {}, { system: to });
      moved++;
    }
  }
  return moved;
}
