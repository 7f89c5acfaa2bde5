import type { AuditContext } from '../../audit/context';
import type { Tx } from '../../db/sql';
import { eq } from 'drizzle-orm';
import { inboundWebhooks } from '../../db/schema';
import { ApiError } from '../../errors';
import { checkEvents, type IngestLimits, writeIngested } from '../ingest';
import { noteReceived, receiptOf, saveReceipt } from './activity-store';
import { invalidSignature } from './invalid-signature';
import type { ObjectUpdate } from './object-update';
import type { ObjectFiling } from './object-types';
import { workspaceLinksOf } from './workspace-links';

type InboundWebhookRow = typeof inboundWebhooks.$inferSelect;

/** What a delivery is answered: the audit events its changes became (none for a delivery that changed only bookkeeping). */
export interface DeliveryAnswer {
  eventId: string;
  recorded: number;
  ids: string[];
}

/**
 * Records one delivery in `tx`: each changed attribute becomes one audit
 * event (`update` of that property, before and after as sent) about the
 * helpdesk's object, performed by the helpdesk's actor (type `api`, id
 * `<source>:<actor id>`, else named after the webhook), checked and chained
 * by the ingestion path exactly as POST /events writes them, and marked
 * ingested with the webhook. The answer is kept as the delivery's receipt in
 * the same transaction: a retry of the same event id gets it back
 * (`replayed`) and writes nothing. Any event refused refuses the whole
 * delivery (422), and nothing is written. The webhook is read again here: a
 * revocation or rotation committed since its signature was checked wins (401).
 */
export async function recordDelivery(
  tx: Tx,
  ctx: AuditContext,
  webhook: InboundWebhookRow,
  delivery: { update: ObjectUpdate; filing: ObjectFiling; limits: IngestLimits },
): Promise<{ replayed: boolean; body: string }> {
  const { update, filing, limits } = delivery;
  const [current] = await tx.select({ secret: inboundWebhooks.secret, revokedAt: inboundWebhooks.revokedAt }).from(inboundWebhooks).where(eq(inboundWebhooks.id, webhook.id));
  if (!current || current.revokedAt || current.secret !== webhook.secret) throw invalidSignature();
  const kept = await receiptOf(tx, webhook.id, update.deliveryId);
  if (kept !== undefined) return { replayed: true, body: kept };

  const links = await workspaceLinksOf(tx, webhook.orgId, filing, update.object);
  const label = update.object.label ?? `${filing.typeLabel} ${update.object.id}`;
  const items = update.changes.map((change) => ({
    id: update.deliveryId,
    actor: { type: 'api', ...(update.actor && { id: update.actor.id }), name: update.actor?.name ?? webhook.name },
    event: 'update',
    category: filing.category,
    section: filing.section,
    subject: { type: filing.subjectType, id: update.object.id, label },
    customerId: links.customerId,
    conversationId: links.conversationId,
    property: change.attribute,
    before: change.before,
    after: change.after,
    occurredAt: update.occurredAt,
  }));
  const checked = checkEvents(webhook.source, items, limits, ctx.newId).map((item) => {
    if (!('draft' in item)) return item;
    const ingested = item.draft.context?.ingested as Record<string, unknown>;
    return { ...item, draft: { ...item.draft, context: { ingested: { ...ingested, webhookId: webhook.id } } } };
  });
  refuseIfAny(checked, update);
  const answer = await writeIngested(tx, ctx, checked);
  // writeIngested checks the links once more; a refusal there refuses the delivery too, and the throw rolls back what was written.
  refuseIfAny(answer.results, update);
  const body: DeliveryAnswer = { eventId: update.deliveryId, recorded: answer.summary.accepted, ids: answer.results.flatMap((r) => ('id' in r ? [r.id] : [])) };
  const text = JSON.stringify(body);
  const now = ctx.now();
  await saveReceipt(tx, webhook.id, update.deliveryId, text, now);
  await noteReceived(tx, webhook.id, now);
  return { replayed: false, body: text };
}

function refuseIfAny(results: ReadonlyArray<{ index: number } & ({ error: { code: string; message: string } } | object)>, update: ObjectUpdate): void {
  for (const result of results) {
    if (!('error' in result)) continue;
    const attribute = update.changes[result.index]!.attribute;
    throw new ApiError(422, result.error.code, `The change of ${JSON.stringify(attribute)} cannot be recorded: ${result.error.message}`);
  }
}
