import { randomBytes } from 'node:crypto';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { Hono } from 'hono';
import { IdParam } from '../../../shared/schemas/common';
import {
  PAUSE_AFTER_MINUTES_RANGE,
  ROTATE_BYTES_RANGE,
  ROTATE_MINUTES_RANGE,
  StreamDestinationCreate,
  StreamDestinationUpdate,
  type StreamDestinationUpdateInput,
} from '../../../shared/schemas/streams';
import { headSeqOf } from '../../audit/chain/head-seqs';
import { createEntity, deleteEntity, draftFor, appendAudit, getEntity, updateEntity } from '../../audit/engine';
import { principalOf } from '../../auth/authenticate';
import { requires } from '../../auth/require';
import { streamDestinations } from '../../db/schema';
import type { Tx } from '../../db/sql';
import type { AppDeps } from '../../deps';
import { ApiError } from '../../errors';
import type { AppEnv } from '../../http/app-env';
import { auditContext } from '../../http/audit-context';
import { validate } from '../../http/validate';
import { insertDelivery, resetFailures } from './delivery-store';
import { destinationEntity, type DestinationRow } from './destination-entity';
import { storedFilterOf } from './filter';
import { getDestination, listDestinations, presentDestination } from './present';

/** A webhook's signing secret: 256 random bits, as hex (easy to hand to `openssl dgst -hmac`). */
const newSecret = () => randomBytes(32).toString('hex');

const FILE_ONLY = ['directory', 'rotateBytes', 'rotateMinutes'] as const;
const WEBHOOK_ONLY = ['url'] as const;

/** 400 for a setting of the other kind of destination (a webhook has no folder, a file no URL). */
function checkKindFields(row: DestinationRow, body: StreamDestinationUpdateInput): void {
  const foreign = row.kind === 'webhook' ? FILE_ONLY : WEBHOOK_ONLY;
  const wrong = foreign.filter((field) => body[field] !== undefined);
  if (wrong.length === 0) return;
  throw ApiError.badRequest(
    `A ${row.kind === 'webhook' ? 'webhook' : 'JSON Lines file'} destination has no ${wrong.join(', ')}.`,
    wrong.map((path) => ({ path, message: `not a setting of a ${row.kind} destination` })),
  );
}

/** Two file destinations writing into one folder would mix their files: a folder belongs to one destination of the workspace. */
async function checkDirectoryFree(tx: Tx, orgId: string, directory: string, except: string | null): Promise<void> {
  const [taken] = await tx
    .select({ id: streamDestinations.id })
    .from(streamDestinations)
    .where(
      and(
        eq(streamDestinations.orgId, orgId),
        eq(streamDestinations.directory, directory),
        isNull(streamDestinations.deletedAt),
        except ? ne(streamDestinations.id, except) : undefined,
      ),
    );
  if (taken) throw ApiError.conflict('Another destination already writes to this folder.', [{ path: 'directory', message: 'already in use' }]);
}

/**
 * Outbound log streams (admins: integrations:manage). Every change is an
 * audited change of the destination under settings › integrations; its
 * secret is shown once, at creation and rotation, and never recorded.
 * Delivery itself is the stream worker's (worker.ts).
 */
export function streamDestinationsRouter(deps: AppDeps) {
  const present = async (orgId: string, id: string, secret?: string | null) => {
    const { row, delivery } = await getDestination(deps.db.reader, orgId, id);
    const body = await presentDestination(deps.db.reader, row, delivery, deps.now());
    return secret === undefined ? body : { ...body, secret };
  };

  return new Hono<AppEnv>()
    .use(requires('integrations:manage'))
    .get('/', async (c) => {
      const now = deps.now();
      const found = await listDestinations(deps.db.reader, principalOf(c).orgId);
      const items = [];
      for (const { row, delivery } of found) items.push(await presentDestination(deps.db.reader, row, delivery, now));
      return c.json({ items });
    })
    .post('/', validate('json', StreamDestinationCreate), async (c) => {
      const body = c.req.valid('json');
      const ctx = auditContext(c, deps);
      const secret = body.kind === 'webhook' ? newSecret() : null;
      const row = await deps.writes.run(async (tx) => {
        if (body.kind === 'jsonl_file') await checkDirectoryFree(tx, ctx.orgId, body.directory, null);
        // Read inside the write: no event can commit between this head and the position it becomes.
        const position = body.startAt === 'oldest' ? 0 : await headSeqOf(tx, ctx.orgId);
        const created = await createEntity(tx, ctx, destinationEntity, {
          name: body.name,
          kind: body.kind,
          url: body.kind === 'webhook' ? body.url : null,
          directory: body.kind === 'jsonl_file' ? body.directory : null,
          rotateBytes: body.kind === 'jsonl_file' ? (body.rotateBytes ?? ROTATE_BYTES_RANGE.default) : null,
          rotateMinutes: body.kind === 'jsonl_file' ? (body.rotateMinutes ?? ROTATE_MINUTES_RANGE.default) : null,
          filter: storedFilterOf(body.filter),
          pauseAfterMinutes: body.pauseAfterMinutes ?? PAUSE_AFTER_MINUTES_RANGE.default,
          status: 'active',
          pausedReason: null,
          secret,
          createdById: principalOf(c).user?.id ?? null,
        });
        await insertDelivery(tx, { destinationId: created.id, orgId: ctx.orgId, position });
        return created;
      });
      return c.json(await present(ctx.orgId, row.id, secret), 201);
    })
    .get('/:id', validate('param', IdParam), async (c) => c.json(await present(principalOf(c).orgId, c.req.valid('param').id)))
    .patch('/:id', validate('param', IdParam), validate('json', StreamDestinationUpdate), async (c) => {
      const body = c.req.valid('json');
      const ctx = auditContext(c, deps);
      const { id } = c.req.valid('param');
      await deps.writes.run(async (tx) => {
        const current = await getEntity(tx, ctx.orgId, destinationEntity, id);
        checkKindFields(current, body);
        if (body.directory !== undefined) await checkDirectoryFree(tx, ctx.orgId, body.directory, id);
        await updateEntity(tx, ctx, destinationEntity, id, {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.url !== undefined ? { url: body.url } : {}),
          ...(body.directory !== undefined ? { directory: body.directory } : {}),
          ...(body.rotateBytes !== undefined ? { rotateBytes: body.rotateBytes } : {}),
          ...(body.rotateMinutes !== undefined ? { rotateMinutes: body.rotateMinutes } : {}),
          ...(body.filter !== undefined ? { filter: storedFilterOf(body.filter) } : {}),
          ...(body.pauseAfterMinutes !== undefined ? { pauseAfterMinutes: body.pauseAfterMinutes } : {}),
        });
      });
      return c.json(await present(ctx.orgId, id));
    })
    .post('/:id/pause', validate('param', IdParam), async (c) => {
      const ctx = auditContext(c, deps);
      const { id } = c.req.valid('param');
      // Pausing a paused destination changes nothing (and keeps why it was paused).
      await deps.writes.run((tx) =>
        updateEntity(tx, ctx, destinationEntity, id, (current) =>
          current.status === 'paused' ? {} : { status: 'paused' as const, pausedReason: `Paused by ${ctx.actor.name}` },
        ),
      );
      return c.json(await present(ctx.orgId, id));
    })
    .post('/:id/resume', validate('param', IdParam), async (c) => {
      const ctx = auditContext(c, deps);
      const { id } = c.req.valid('param');
      await deps.writes.run(async (tx) => {
        await updateEntity(tx, ctx, destinationEntity, id, { status: 'active', pausedReason: null });
        // Delivery goes on from the stored position, at once, as if it had never failed.
        await resetFailures(tx, id);
      });
      return c.json(await present(ctx.orgId, id));
    })
    .post('/:id/rotate-secret', validate('param', IdParam), async (c) => {
      const ctx = auditContext(c, deps);
      const { id } = c.req.valid('param');
      const secret = newSecret();
      await deps.writes.run(async (tx) => {
        const current = await getEntity(tx, ctx.orgId, destinationEntity, id);
        if (current.kind !== 'webhook') throw ApiError.conflict('Only a webhook destination has a signing secret.');
        // The new secret signs the next batch; the old one stops with this commit. Recorded without either value.
        const { row } = await updateEntity(tx, ctx, destinationEntity, id, {}, { system: { secret } });
        await appendAudit(tx, ctx, [draftFor(destinationEntity, row, {}, { event: 'key_rotated', property: null, before: null, after: null })]);
      });
      return c.json(await present(ctx.orgId, id, secret));
    })
    .delete('/:id', validate('param', IdParam), async (c) => {
      const ctx = auditContext(c, deps);
      await deps.writes.run((tx) => deleteEntity(tx, ctx, destinationEntity, c.req.valid('param').id));
      return c.body(null, 204);
    });
}
