import { and, asc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { SurveyComment, SurveyRating, SurveySchedule } from '../../../shared/schemas/satisfaction';
import { IdParam } from '../../../shared/schemas/common';
import { createEntity, getEntity, updateEntity } from '../../audit/engine';
import { principalOf } from '../../auth/authenticate';
import { requires } from '../../auth/require';
import { surveys } from '../../db/schema';
import type { AppEnv } from '../../http/app-env';
import { auditContext } from '../../http/audit-context';
import type { AppDeps } from '../../deps';
import { validate } from '../../http/validate';
import { conversationEntity } from '../conversations/definition';
import { presentEntity } from '../present';
import { surveyEntity } from './definition';
import { assertAnswerable, assertOfferable } from './lifecycle';

/** `GET/POST /conversations/:id/surveys`, mounted there by the conversations router. */
export function conversationSurveysRouter(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', requires('support:read'), validate('param', IdParam), async (c) => {
      const orgId = principalOf(c).orgId;
      const conversation = await getEntity(deps.db.reader, orgId, conversationEntity, c.req.valid('param').id);
      const rows = await deps.db.reader
        .select()
        .from(surveys)
        .where(and(eq(surveys.orgId, orgId), eq(surveys.conversationId, conversation.id), isNull(surveys.deletedAt)))
        .orderBy(asc(surveys.createdAt), asc(surveys.id));
      return c.json({ items: rows.map(presentEntity) });
    })
    .post('/', requires('support:write'), validate('param', IdParam), validate('json', SurveySchedule), async (c) => {
      const ctx = auditContext(c, deps);
      const row = await deps.writes.run(async (tx) => {
        const conversation = await getEntity(tx, ctx.orgId, conversationEntity, c.req.valid('param').id);
        return createEntity(
          tx,
          ctx,
          surveyEntity,
          {
            conversationId: conversation.id,
            customerId: conversation.customerId,
            status: 'scheduled',
            scheduledFor: c.req.valid('json').scheduledFor,
            offeredAt: null,
            rating: null,
            comment: null,
          },
          { event: 'survey_scheduled' },
        );
      });
      return c.json(presentEntity(row), 201);
    });
}

/**
 * `/surveys/:id`: a scheduled survey is offered to the customer, who rates
 * it and may comment. Automations offer surveys; the customer's answers
 * arrive through an API key.
 */
export function surveysRouter(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/:id', requires('support:read'), validate('param', IdParam), async (c) => {
      const row = await getEntity(deps.db.reader, principalOf(c).orgId, surveyEntity, c.req.valid('param').id);
      return c.json(presentEntity(row));
    })
    .post('/:id/offer', requires('support:write'), validate('param', IdParam), async (c) => {
      const ctx = auditContext(c, deps);
      const { row } = await deps.writes.run(async (tx) => {
        assertOfferable(await getEntity(tx, ctx.orgId, surveyEntity, c.req.valid('param').id));
        const patch = { status: 'offered' as const, offeredAt: ctx.now().toISOString() };
        return updateEntity(tx, ctx, surveyEntity, c.req.valid('param').id, patch, { event: 'survey_offered' });
      });
      return c.json(presentEntity(row));
    })
    .post('/:id/rate', requires('support:write'), validate('param', IdParam), validate('json', SurveyRating), async (c) => {
      const ctx = auditContext(c, deps);
      const { row } = await deps.writes.run(async (tx) => {
        assertAnswerable(await getEntity(tx, ctx.orgId, surveyEntity, c.req.valid('param').id));
        const patch = { status: 'rated' as const, rating: c.req.valid('json').rating };
        return updateEntity(tx, ctx, surveyEntity, c.req.valid('param').id, patch, { event: 'survey_rated' });
      });
      return c.json(presentEntity(row));
    })
    .post('/:id/comment', requires('support:write'), validate('param', IdParam), validate('json', SurveyComment), async (c) => {
      const ctx = auditContext(c, deps);
      const { row } = await deps.writes.run(async (tx) => {
        assertAnswerable(await getEntity(tx, ctx.orgId, surveyEntity, c.req.valid('param').id));
        const patch = { comment: c.req.valid('json').comment };
        return updateEntity(tx, ctx, surveyEntity, c.req.valid('param').id, patch, { event: 'survey_commented' });
      });
      return c.json(presentEntity(row));
    });
}
