import type { AuditContext } from '../../audit/context';
import { getEntity, updateEntity } from '../../audit/engine';
import { scrubRecordedValues } from '../../audit/scrub';
import type { Tx } from '../../db/sql';
import { messageEntity, redactedError } from './definition';

/**
 * Removes a message's content for good: every earlier copy of the body in the
 * log is forgotten, then the redaction itself is recorded without values —
 * who redacted it and when. The caller checkpoints the WAL after commit so no
 * copy stays on disk either (WriteQueue.checkpoint).
 */
export async function redactMessage(tx: Tx, ctx: AuditContext, messageId: string) {
  const current = await getEntity(tx, ctx.orgId, messageEntity, messageId);
  if (current.redactedAt) throw redactedError();
  await scrubRecordedValues(tx, ctx.orgId, { type: 'message', id: current.id }, 'body');
  const { row } = await updateEntity(tx, ctx, messageEntity, current.id, { body: null }, {
    event: 'redact',
    omitValues: true,
    system: { redactedAt: ctx.now(), redactedById: ctx.actor.id },
  });
  return row;
}
