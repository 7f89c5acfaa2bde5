/** @jsxImportSource hono/jsx */
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import { IdParam } from '../../shared/schemas/common';
import { ConversationPatch } from '../../shared/schemas/conversations';
import { MessageCreate } from '../../shared/schemas/messages';
import { getEntity, updateEntity } from '../audit/engine';
import { principalOf } from '../auth/authenticate';
import { conversationEntity } from '../entities/conversations/definition';
import { conversationPatch } from '../entities/conversations/patch';
import { createMessage } from '../entities/messages/create';
import { auditContext } from '../http/audit-context';
import type { AppEnv } from '../http/app-env';
import type { AppDeps } from '../deps';
import { validate } from '../http/validate';
import { ApiError } from '../errors';
import { conversationFormFromFields, conversationFormFromRow, conversationPatchInput, type ConversationFormState } from './conversation-form';
import { ConversationPage } from './conversation-page';

import { type FieldErrors, issuesByField, readForm } from './form-data';
import { signedIn, viewerOf } from './guard';
import { EMPTY_COMPOSER, type ComposerState } from './message-thread';
import { conversationMessages, type ConversationRow, customerOf, orgTeams, orgUsers } from './queries';
import { render } from './render';
import { saveForm } from './save-form';

/** `/workspace/conversations/:id`: the page, its properties form, and its message composer. */
export function conversationRoutes(deps: AppDeps) {
  const { reader } = deps.db;
  return new Hono<AppEnv>()
    .get('/:id', signedIn('support:read'), validate('param', IdParam), async (c) => {
      const conversation = await getEntity(reader, principalOf(c).orgId, conversationEntity, c.req.valid('param').id);
      return page(c, deps, conversation, { form: conversationFormFromRow(conversation), saved: c.req.query('saved') === '1' });
    })
    .post('/:id', signedIn('support:write'), validate('param', IdParam), async (c) => {
      const form = await readForm(c);
      const ctx = auditContext(c, deps);
      const current = await getEntity(reader, ctx.orgId, conversationEntity, c.req.valid('param').id);
      const state = conversationFormFromFields(form);
      // The API's own schema and patch logic, so the form records exactly what PATCH /conversations/:id would.
      const errors = await saveForm(deps, ConversationPatch, conversationPatchInput(state, current), async (tx, body) => {
        const fresh = await getEntity(tx, ctx.orgId, conversationEntity, current.id);
        return updateEntity(tx, ctx, conversationEntity, current.id, await conversationPatch(tx, ctx, body, fresh));
      });
      if (errors) return page(c, deps, current, { form: state, formErrors: withAssignee(errors) }, 400);
      return c.redirect(`/workspace/conversations/${current.id}?saved=1`, 303);
    })
    .post('/:id/messages', signedIn('support:write'), validate('param', IdParam), async (c) => {
      const form = await readForm(c);
      const ctx = auditContext(c, deps);
      const current = await getEntity(reader, ctx.orgId, conversationEntity, c.req.valid('param').id);
      const composer: ComposerState = { body: form.text('body'), direction: form.text('direction') || 'out' };
      const parsed = v.safeParse(MessageCreate, composer);
      if (!parsed.success) {
        return page(c, deps, current, { form: conversationFormFromRow(current), composer, composerErrors: issuesByField(parsed.issues) }, 400);
      }
      await deps.writes.run((tx) => createMessage(tx, ctx, principalOf(c), current.id, parsed.output));
      return c.redirect(`/workspace/conversations/${current.id}#messages-heading`, 303);
    });
}

/** The form has one assignee box where the API has a list of assigned users. */
function withAssignee(errors: FieldErrors): FieldErrors {
  const { assignedUsers, ...rest } = errors;
  return assignedUsers ? { ...rest, assignee: assignedUsers } : rest;
}

interface View {
  form: ConversationFormState;
  formErrors?: FieldErrors;
  composer?: ComposerState;
  composerErrors?: FieldErrors;
  saved?: boolean;
}

async function page(c: Context<AppEnv>, deps: AppDeps, conversation: ConversationRow, view: View, status: ContentfulStatusCode = 200) {
  const { reader } = deps.db;
  const orgId = conversation.orgId;
  const [customer, messages, users, teams] = await Promise.all([
    customerOf(reader, orgId, conversation.customerId),
    conversationMessages(reader, orgId, conversation.id),
    orgUsers(reader, orgId),
    orgTeams(reader, orgId),
  ]);
  if (!customer) throw ApiError.notFound('customer');
  const viewer = await viewerOf(c, reader);
  return render(
    c,
    <ConversationPage
      viewer={viewer}
      conversation={conversation}
      customer={customer}
      messages={messages}
      users={users}
      teams={teams}
      form={view.form}
      formErrors={view.formErrors}
      composer={view.composer ?? EMPTY_COMPOSER}
      composerErrors={view.composerErrors}
      saved={view.saved ?? false}
    />,
    status,
  );
}
