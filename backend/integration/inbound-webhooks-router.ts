import { and, desc, eq, isNull } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import type { InboundWebhook } from '../../shared/api-client-integration-responses';
import { IdParam } from '../../shared/schemas/common';
import { InboundWebhookCreate } from '../../shared/schemas/inbound-webhooks';
import { withChange } from '../audit/context';
import { appendAudit, createEntity, draftFor, getEntity, updateEntity } from '../audit/engine';
import { principalOf } from '../auth/authenticate';
import { requires } from '../auth/require';
import { inboundWebhookActivity, inboundWebhooks } from '../db/schema';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import type { AppEnv } from '../http/app-env';
import { auditContext } from '../http/audit-context';
import { validate } from '../http/validate';
import type { WebhookActivity } from './helpdesk/activity-store';
import { activityOf } from './helpdesk/activity-store';
import { inboundWebhookEntity } from './inbound-webhook-entity';
import { newWebhookSecret } from './webhook-secret';

type InboundWebhookRow = typeof inboundWebhooks.$inferSelect;

/** Where a helpdesk posts a webhook's deliveries (the receiver in receiver-router.ts). */
export const HELPDESK_HOOK_PATH = '/api/v1/hooks/helpdesk';

const isoOf = (epochMs: number | null) => (epochMs === null ? null : new Date(epochMs).toISOString());

function present(row: InboundWebhookRow, activity: WebhookActivity | null, baseUrl: string): InboundWebhook {
  return {
    id: row.id,
    name: row.name,
    source: row.source,
    url: `${baseUrl}${HELPDESK_HOOK_PATH}/${row.id}`,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastReceivedAt: isoOf(activity?.lastReceivedAt ?? null),
    lastRefusedAt: isoOf(activity?.lastRefusedAt ?? null),
    lastRefusal: activity?.lastRefusal ?? null,
  };
}

/** The server's public address (PUBLIC_URL), else the origin this request came in on. */
function baseUrlOf(c: Context<AppEnv>, deps: Pick<AppDeps, 'policy'>): string {
  return deps.policy.publicUrl ?? new URL(c.req.url).origin;
}

/**
 * Helpdesk webhooks (admin only): each has a URL a helpdesk posts its
 * object-update webhooks to and a shared secret they are signed with, shown
 * once at creation and rotation and kept as it is (checking a signature
 * needs it). Creating, rotating and revoking are audited under settings ›
 * integrations, never with the secret. A revoked webhook's URL refuses every
 * request from then on; it stays listed with when it was revoked.
 */
export function inboundWebhooksRouter(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use(requires('integrations:manage'))
    .get('/', async (c) => {
      const rows = await deps.db.reader
        .select({ webhook: inboundWebhooks, activity: inboundWebhookActivity })
        .from(inboundWebhooks)
        .leftJoin(inboundWebhookActivity, eq(inboundWebhookActivity.webhookId, inboundWebhooks.id))
        .where(and(eq(inboundWebhooks.orgId, principalOf(c).orgId), isNull(inboundWebhooks.deletedAt)))
        .orderBy(desc(inboundWebhooks.id));
      const baseUrl = baseUrlOf(c, deps);
      return c.json({ items: rows.map((r) => present(r.webhook, r.activity, baseUrl)) });
    })
    .post('/', validate('json', InboundWebhookCreate), async (c) => {
      const { name, source } = c.req.valid('json');
      const ctx = auditContext(c, deps);
      const secret = newWebhookSecret();
      const row = await deps.writes.run((tx) =>
        createEntity(tx, ctx, inboundWebhookEntity, { name, source, secret, createdById: principalOf(c).user?.id ?? null, revokedAt: null }),
      );
      return c.json({ ...present(row, null, baseUrlOf(c, deps)), secret }, 201);
    })
    .post('/:id/rotate-secret', validate('param', IdParam), async (c) => {
      const ctx = withChange(auditContext(c, deps));
      const secret = newWebhookSecret();
      // The old secret is replaced in this write: requests signed with it are refused from this commit on.
      // No tracked property changes, so the rotation is recorded as its own row, without the secret.
      const row = await deps.writes.run(async (tx) => {
        const { row: rotated } = await updateEntity(
          tx,
          ctx,
          inboundWebhookEntity,
          c.req.valid('param').id,
          (webhook) => {
            if (webhook.revokedAt) throw ApiError.conflict('This webhook is revoked; create a new one.');
            return {};
          },
          { system: { secret } },
        );
        await appendAudit(tx, ctx, [draftFor(inboundWebhookEntity, rotated, {}, { event: 'key_rotated', property: null, before: null, after: null })]);
        return rotated;
      });
      return c.json({ ...present(row, await activityOf(deps.db.reader, row.id), baseUrlOf(c, deps)), secret });
    })
    .delete('/:id', validate('param', IdParam), async (c) => {
      const ctx = auditContext(c, deps);
      await deps.writes.run(async (tx) => {
        const webhook = await getEntity(tx, ctx.orgId, inboundWebhookEntity, c.req.valid('param').id);
        if (webhook.revokedAt) throw ApiError.conflict('This webhook is already revoked.');
        await updateEntity(tx, ctx, inboundWebhookEntity, webhook.id, { revokedAt: ctx.now() });
      });
      return c.body(null, 204);
    });
}
