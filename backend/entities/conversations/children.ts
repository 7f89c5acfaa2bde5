import { and, eq, isNull } from 'drizzle-orm';
import type { AuditContext } from '../../audit/context';
import type { EntityDefinition } from '../../audit/definition';
import { appendAudit, draftFor, updateEntity } from '../../audit/engine';
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

/** Where a conversation's children move to; the links left out stay as they are. */
export interface ChildLinks {
  conversationId?: string;
  customerId?: string;
}

/**
 * Points everything that belongs to a conversation (messages, surveys, voice
 * recordings) at a new conversation and/or customer, as part of a merge.
 * The link columns are not tracked properties (a person never edits them),
 * so they are written as system columns and each move is recorded as a
 * `merge` row of the child, with the old and new id: the child's history
 * says how it got where it is, and like every row of a merge it cannot be
 * restored on its own. Returns how many children moved.
 */
export async function relinkChildren(tx: Tx, ctx: AuditContext, conversationId: string, to: ChildLinks): Promise<number> {
  let moved = 0;
  for (const [table, def] of CHILDREN) {
    const rows = await tx
      .select({ id: table.id, conversationId: table.conversationId, customerId: table.customerId })
      .from(table)
      .where(and(eq(table.orgId, ctx.orgId), eq(table.conversationId, conversationId), isNull(table.deletedAt)));
    for (const before of rows) {
      const changed = (Object.keys(to) as (keyof ChildLinks)[]).filter((link) => to[link] !== undefined && to[link] !== before[link]);
      if (changed.length === 0) continue;
      const { row } = await updateEntity(tx, ctx, def, before.id, {}, { system: to });
      await appendAudit(
        tx,
        ctx,
        changed.map((link) => draftFor(def, row, {}, { event: 'merge', property: link, before: before[link], after: to[link] })),
      );
      moved++;
    }
  }
  return moved;
}
