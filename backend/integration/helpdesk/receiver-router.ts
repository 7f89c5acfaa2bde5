import { and, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ID_PATTERN } from '../../../shared/schemas/common';
import { withChange, type AuditContext } from '../../audit/context';
import { daysByCategory, retentionOf } from '../../audit/retention/settings';
import { inboundWebhooks } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { ApiError } from '../../errors';
import type { AppEnv } from '../../http/app-env';
import { requestSource } from '../../http/request-source';
import { describeIssues } from '../../http/validate';
import { activityOf, noteRefusal } from './activity-store';
import { checkDeliverySignature, SIGNATURE_REFUSALS } from './delivery-signature';
import { invalidSignature } from './invalid-signature';
import { filingOf, SUPPORTED_OBJECT_TYPES } from './object-types';
import { readObjectUpdate } from './object-update';
import { recordDelivery } from './record-delivery';

type InboundWebhookRow = typeof inboundWebhooks.$inferSelect;

/**
 * A flood of requests refused for the same reason is noted on the webhook at
 * most once this often (a new reason at once): the admin page needs the
 * latest reason, not every one, and a stranger who learned the URL should
 * not be able to keep the write queue busy. Read from the database, so it
 * holds across the processes sharing it.
 */
const REFUSAL_NOTE_INTERVAL_MS = 1_000;

/**
 * `POST /hooks/helpdesk/:id`: a helpdesk's object-update webhook. No session
 * or API key: the request is authenticated by its signature alone, checked
 * on the raw body before it is parsed (X-Auditdesk-Signature, or Zendesk's
 * own header pair), with the webhook's secret. Unknown, revoked, unsigned,
 * stale or mismatched: 401 `invalid_signature`, the reason noted on the
 * webhook's activity when the webhook exists, and nothing else written. A
 * signed body that is no object update is 400; an object type the log does
 * not file, 422 `unsupported_object_type`. A delivery's changes are recorded
 * in one transaction with its receipt; a retry of the same event id is
 * answered with the first answer (`Idempotent-Replayed: true`) and writes nothing.
 */
export function helpdeskReceiverRouter(deps: AppDeps) {
  const refuse = async (webhook: InboundWebhookRow, reason: string): Promise<void> => {
    const now = deps.now();
    const last = await activityOf(deps.db.reader, webhook.id);
    if (last?.lastRefusedAt != null && now.getTime() - last.lastRefusedAt < REFUSAL_NOTE_INTERVAL_MS && last.lastRefusal === reason) return;
    await deps.writes.run((tx) => noteRefusal(tx, webhook.id, now, reason));
  };

  return new Hono<AppEnv>().post('/:id', async (c) => {
    const body = await c.req.text();
    const id = c.req.param('id');
    // Checked before any query, like every id; a malformed one is answered as an unknown one.
    if (!ID_PATTERN.test(id)) throw invalidSignature();
    const [webhook] = await deps.db.reader
      .select()
      .from(inboundWebhooks)
      .where(and(eq(inboundWebhooks.id, id), isNull(inboundWebhooks.deletedAt)));
    if (!webhook) throw invalidSignature();
    if (webhook.revokedAt) {
      await refuse(webhook, 'The webhook is revoked.');
      throw invalidSignature();
    }
    const signature = checkDeliverySignature(webhook.secret, (name) => c.req.header(name), body, deps.now());
    if (!signature.ok) {
      await refuse(webhook, SIGNATURE_REFUSALS[signature.reason]);
      throw invalidSignature();
    }

    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      await refuse(webhook, 'The body is not valid JSON.');
      throw ApiError.badRequest('The request body is not valid JSON.');
    }
    const read = readObjectUpdate(payload);
    if (!read.ok) {
      const details = describeIssues(read.issues);
      const first = details[0]!;
      await refuse(webhook, `The body is not an object update: ${first.path ? `${first.path}: ` : ''}${first.message}`);
      throw ApiError.badRequest('The request body is not an object update in a shape this webhook accepts.', details);
    }
    const { update } = read;
    const filing = filingOf(update.object.type);
    if (!filing) {
      const message = `Objects of type ${JSON.stringify(update.object.type)} are not recorded; send ${SUPPORTED_OBJECT_TYPES.join(', ')}.`;
      await refuse(webhook, message);
      throw new ApiError(422, 'unsupported_object_type', message);
    }

    const ctx: AuditContext = withChange({
      orgId: webhook.orgId,
      // Every event names its own actor; this one is only the context's default.
      actor: { type: 'api', id: null, name: webhook.name },
      // Whatever bearer a helpdesk adds is not what authenticated this request.
      source: { ...requestSource(c), apiKeyId: null },
      now: deps.now,
      newId: deps.newId,
    });
    const limits = { now: deps.now(), retentionDays: daysByCategory(await retentionOf(deps.db.reader, webhook.orgId)) };
    let outcome: { replayed: boolean; body: string };
    try {
      outcome = await deps.writes.run((tx) => recordDelivery(tx, ctx, webhook, { update, filing, limits }));
    } catch (error) {
      if (error instanceof ApiError) await refuse(webhook, error.status === 401 ? 'The webhook was revoked, or its secret rotated, while the request was checked.' : error.message);
      throw error;
    }
    return c.body(outcome.body, 200 as ContentfulStatusCode, {
      'content-type': 'application/json',
      ...(outcome.replayed && { 'idempotent-replayed': 'true' }),
    });
  });
}
