import { and, asc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { VoiceRecordingCreate } from '../../../shared/schemas/voice';
import { IdParam } from '../../../shared/schemas/common';
import { createEntity, deleteEntity, getEntity } from '../../audit/engine';
import { principalOf } from '../../auth/authenticate';
import { requires } from '../../auth/require';
import { voiceRecordings } from '../../db/schema';
import type { AppEnv } from '../../http/app-env';
import { auditContext } from '../../http/audit-context';
import type { AppDeps } from '../../deps';
import { validate } from '../../http/validate';
import { conversationEntity } from '../conversations/definition';
import { presentEntity } from '../present';
import { voiceRecordingEntity } from './definition';

/** `GET/POST /conversations/:id/voice-recordings`, mounted there by the conversations router. */
export function conversationVoiceRouter(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', requires('support:read'), validate('param', IdParam), async (c) => {
      const orgId = principalOf(c).orgId;
      const conversation = await getEntity(deps.db.reader, orgId, conversationEntity, c.req.valid('param').id);
      const rows = await deps.db.reader
        .select()
        .from(voiceRecordings)
        .where(
          and(
            eq(voiceRecordings.orgId, orgId),
            eq(voiceRecordings.conversationId, conversation.id),
            isNull(voiceRecordings.deletedAt),
          ),
        )
        .orderBy(asc(voiceRecordings.createdAt), asc(voiceRecordings.id));
      return c.json({ items: rows.map(presentEntity) });
    })
    .post('/', requires('support:write'), validate('param', IdParam), validate('json', VoiceRecordingCreate), async (c) => {
      const ctx = auditContext(c, deps);
      const row = await deps.writes.run(async (tx) => {
        const conversation = await getEntity(tx, ctx.orgId, conversationEntity, c.req.valid('param').id);
        return createEntity(tx, ctx, voiceRecordingEntity, {
          conversationId: conversation.id,
          customerId: conversation.customerId,
          ...c.req.valid('json'),
        });
      });
      return c.json(presentEntity(row), 201);
    });
}

/** `GET/DELETE /voice-recordings/:id`; a deletion keeps the recording's last snapshot in the log. */
export function voiceRecordingsRouter(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/:id', requires('support:read'), validate('param', IdParam), async (c) => {
      const row = await getEntity(deps.db.reader, principalOf(c).orgId, voiceRecordingEntity, c.req.valid('param').id);
      return c.json(presentEntity(row));
    })
    .delete('/:id', requires('support:write'), validate('param', IdParam), async (c) => {
      const ctx = auditContext(c, deps);
      await deps.writes.run((tx) => deleteEntity(tx, ctx, voiceRecordingEntity, c.req.valid('param').id));
      return c.body(null, 204);
    });
}
