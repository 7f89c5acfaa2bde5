import { and, asc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { MessageCreate, MessagePatch } from '../../../shared/schemas/messages';
import { IdParam } from '../../../shared/schemas/common';
import { getEntity, updateEntity } from '../../audit/engine';
import { principalOf } from '../../auth/authenticate';
import { requires } from '../../auth/require';
import { messages } from '../../db/schema';
import type { AppEnv } from '../../http/app-env';
import { auditContext } from '../../http/audit-context';
import type { AppDeps } from '../../deps';
import { validate } from '../../http/validate';
import { conversationEntity } from '../conversations/definition';
import { presentEntity } from '../present';
import { createMessage } from './create';
import { messageEntity, redactedError } from './definition';
import { redactMessage } from './redact';

/** `GET/POST /conversations/:id/messages`, mounted there by the conversations router. */
export function conversationMessagesRouter(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', requires('support:read'), validate('param', IdParam), async (c) => {
      const orgId = principalOf(c).orgId;
      const conversation = await getEntity(deps.db.reader, orgId, conversationEntity, c.req.valid('param').id);
      const rows = await deps.db.reader
        .select()
        .from(messages)
        .where(and(eq(messages.orgId, orgId), eq(messages.conversationId, conversation.id), isNull(messages.deletedAt)))
        .orderBy(asc(messages.createdAt), asc(messages.id));
      return c.json({ items: rows.map(presentEntity) });
    })
    .post('/', requires('support:write'), validate('param', IdParam), validate('json', MessageCreate), async (c) => {
      const input = c.req.valid('json');
      const ctx = auditContext(c, deps);
      const principal = principalOf(c);
      const row = await deps.writes.run((tx) => createMessage(tx, ctx, principal, c.req.valid('param').id, input));
      return c.json(presentEntity(row), 201);
    });
}

/** `PATCH /messages/:id` and `POST /messages/:id/redact`. */
export function messagesRouter(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/:id', requires('support:read'), validate('param', IdParam), async (c) => {
      const row = await getEntity(deps.db.reader, principalOf(c).orgId, messageEntity, c.req.valid('param').id);
      return c.json(presentEntity(row));
    })
    .patch('/:id', requires('support:write'), validate('param', IdParam), validate('json', MessagePatch), async (c) => {
      const ctx = auditContext(c, deps);
      const { row } = await deps.writes.run(async (tx) => {
        const current = await getEntity(tx, ctx.orgId, messageEntity, c.req.valid('param').id);
        if (current.redactedAt) throw redactedError();
        return updateEntity(tx, ctx, messageEntity, current.id, { body: c.req.valid('json').body });
      });
      return c.json(presentEntity(row));
    })
    .post('/:id/redact', requires('messages:redact'), validate('param', IdParam), async (c) => {
      const ctx = auditContext(c, deps);
      const row = await deps.writes.run((tx) => redactMessage(tx, ctx, c.req.valid('param').id));
      await deps.writes.checkpoint();
      return c.json(presentEntity(row));
    });
}
