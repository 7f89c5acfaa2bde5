import { and, eq, sql } from 'drizzle-orm';
import { inboundWebhookActivity, inboundWebhookReceipts } from '../../db/schema';
import type { Reader, Tx } from '../../db/sql';

/*
 * What each helpdesk webhook received: its activity row (when it last
 * accepted or refused a request, and why) and the receipts of the deliveries
 * it recorded, so a retry is answered once. Neither is a workspace object:
 * the changes a delivery carries are audited as events, in the transaction
 * that writes its receipt.
 */

export interface WebhookActivity {
  lastReceivedAt: number | null;
  lastRefusedAt: number | null;
  lastRefusal: string | null;
}

/** The activity of one webhook, or null before its first request. */
export async function activityOf(db: Reader | Tx, webhookId: string): Promise<WebhookActivity | null> {
  const [row] = await db
    .select({
      lastReceivedAt: inboundWebhookActivity.lastReceivedAt,
      lastRefusedAt: inboundWebhookActivity.lastRefusedAt,
      lastRefusal: inboundWebhookActivity.lastRefusal,
    })
    .from(inboundWebhookActivity)
    .where(eq(inboundWebhookActivity.webhookId, webhookId));
  return row ?? null;
}

/** Notes that a request to the webhook was refused at `at`, and why. */
export async function noteRefusal(tx: Tx, webhookId: string, at: Date, reason: string): Promise<void> {
  await tx
    .insert(inboundWebhookActivity)
    .values({ webhookId, lastRefusedAt: at.getTime(), lastRefusal: reason })
    .onConflictDoUpdate({ target: inboundWebhookActivity.webhookId, set: { lastRefusedAt: at.getTime(), lastRefusal: reason } });
}

/** Notes that a delivery to the webhook was accepted at `at`. */
export async function noteReceived(tx: Tx, webhookId: string, at: Date): Promise<void> {
  await tx
    .insert(inboundWebhookActivity)
    .values({ webhookId, lastReceivedAt: at.getTime() })
    .onConflictDoUpdate({ target: inboundWebhookActivity.webhookId, set: { lastReceivedAt: at.getTime() } });
}

/** The answer given to the first delivery of `eventId`, read in the write transaction so that concurrent retries see each other's. */
export async function receiptOf(tx: Tx, webhookId: string, eventId: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ body: inboundWebhookReceipts.body })
    .from(inboundWebhookReceipts)
    .where(and(eq(inboundWebhookReceipts.webhookId, webhookId), eq(inboundWebhookReceipts.eventId, eventId)));
  return row?.body;
}

/** Keeps the answer to the delivery of `eventId`, in the transaction of the events it recorded. */
export async function saveReceipt(tx: Tx, webhookId: string, eventId: string, body: string, at: Date): Promise<void> {
  await tx.insert(inboundWebhookReceipts).values({ webhookId, eventId, body, receivedAt: at.getTime() });
}

/** Deletes up to `limit` receipts kept since before `cutoff`; answers how many. */
export async function deleteReceiptsBefore(tx: Tx, cutoff: Date, limit: number): Promise<number> {
  const result = await tx.run(sql`
    delete from inbound_webhook_receipts where rowid in (
      select rowid from inbound_webhook_receipts where received_at < ${cutoff.getTime()} limit ${limit})`);
  return result.rowsAffected;
}
