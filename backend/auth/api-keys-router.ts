import { and, desc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { DEFAULT_API_KEY_SCOPES } from '../../shared/permissions';
import { ApiKeyCreate, ApiKeyUpdate } from '../../shared/schemas/api-keys';
import { IdParam } from '../../shared/schemas/common';
import { createEntity, getEntity, updateEntity } from '../audit/engine';
import { apiKeys } from '../db/schema';
import type { AppEnv } from '../http/app-env';
import { auditContext } from '../http/audit-context';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { validate } from '../http/validate';
import { apiKeyEntity } from './api-key-entity';
import { principalOf } from './authenticate';
import { requires } from './require';
import { newApiKeySecret, sha256 } from './tokens';

type ApiKeyRow = typeof apiKeys.$inferSelect;

function presentKey(row: ApiKeyRow) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    prefix: row.prefix,
    scopes: row.scopes,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/**
 * Keys for automations (admin only). The secret is returned once, at creation
 * or rotation, and stored hashed; creating, rotating, changing scopes and
 * revoking are audited under settings › access. A key's scopes take effect
 * on its next request (each request reads the key anew).
 */
export function apiKeysRouter(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use(requires('access:manage'))
    .get('/', async (c) => {
      const rows = await deps.db.reader
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.orgId, principalOf(c).orgId), isNull(apiKeys.deletedAt)))
        .orderBy(desc(apiKeys.id));
      return c.json({ items: rows.map(presentKey) });
    })
    .post('/', validate('json', ApiKeyCreate), async (c) => {
      const { name, kind, scopes = DEFAULT_API_KEY_SCOPES } = c.req.valid('json');
      const ctx = auditContext(c, deps);
      const secret = newApiKeySecret();
      const row = await deps.writes.run((tx) =>
        createEntity(
          tx,
          ctx,
          apiKeyEntity,
          {
            name,
            kind,
            prefix: secret.slice(0, 10),
            secretHash: sha256(secret),
            scopes: [...scopes],
            createdById: principalOf(c).user?.id ?? null,
            revokedAt: null,
          },
          { event: 'key_created' },
        ),
      );
      return c.json({ ...presentKey(row), secret }, 201);
    })
    .patch('/:id', validate('param', IdParam), validate('json', ApiKeyUpdate), async (c) => {
      const ctx = auditContext(c, deps);
      const { scopes } = c.req.valid('json');
      const { row } = await deps.writes.run((tx) =>
        updateEntity(tx, ctx, apiKeyEntity, c.req.valid('param').id, (key) => {
          if (key.revokedAt) throw ApiError.conflict('This key is revoked; create a new one.');
          return { scopes };
        }),
      );
      return c.json(presentKey(row));
    })
    .post('/:id/rotate', validate('param', IdParam), async (c) => {
      const ctx = auditContext(c, deps);
      const secret = newApiKeySecret();
      // The old secret's hash is replaced in the same write: it stops working with this commit.
      // The hash is written but not audited (`system`); the row records the prefix's change.
      const { row } = await deps.writes.run((tx) =>
        updateEntity(
          tx,
          ctx,
          apiKeyEntity,
          c.req.valid('param').id,
          (key) => {
            if (key.revokedAt) throw ApiError.conflict('This key is revoked; create a new one.');
            return { prefix: secret.slice(0, 10) };
          },
          { event: 'key_rotated', system: { secretHash: sha256(secret) } },
        ),
      );
      return c.json({ ...presentKey(row), secret });
    })
    .delete('/:id', validate('param', IdParam), async (c) => {
      const ctx = auditContext(c, deps);
      await deps.writes.run(async (tx) => {
        const key = await getEntity(tx, ctx.orgId, apiKeyEntity, c.req.valid('param').id);
        if (key.revokedAt) throw ApiError.conflict('This key is already revoked.');
        await updateEntity(tx, ctx, apiKeyEntity, key.id, { revokedAt: ctx.now() }, { event: 'key_revoked' });
      });
      return c.body(null, 204);
    });
}
