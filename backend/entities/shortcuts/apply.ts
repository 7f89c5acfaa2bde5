import * as v from 'valibot';
import { ShortcutAction, type ShortcutActionInput } from '../../../shared/schemas/shortcuts';
import type { AuditContext } from '../../audit/context';
import { appendAudit, createEntity, draftFor, type EntityPatch, getEntity, updateEntity } from '../../audit/engine';
import type { Tx } from '../../db/sql';
import { conversations, type MessageAuthor, teams, users } from '../../db/schema';
import { ApiError } from '../../errors';
import { conversationEntity } from '../conversations/definition';
import { messageEntity } from '../messages/definition';
import { assertReferences } from '../references';
import { shortcutEntity } from './definition';
import { assigneesOf } from './references';

type Conversation = typeof conversations.$inferSelect;

export interface ApplyRequest {
  conversationId: string;
  shortcutId: string;
  /** Undefined: send the shortcut's message when it has one. */
  sendMessage: boolean | undefined;
  /** Who the sent message is from: the caller. */
  author: MessageAuthor;
}

/**
 * Uses a shortcut in a conversation: sets the conversation properties its
 * actions name (rows `shortcut_applied`, section `shortcut`) and, when asked,
 * writes its message (the message's own `create` row, plus a
 * `shortcut_message` row on the conversation). Everything shares the change
 * id of `ctx`, so pass a context from `withChange`.
 */
export async function applyShortcut(tx: Tx, ctx: AuditContext, request: ApplyRequest) {
  const conversation = await getEntity(tx, ctx.orgId, conversationEntity, request.conversationId);
  const shortcut = await getEntity(tx, ctx.orgId, shortcutEntity, request.shortcutId);
  const sendMessage = request.sendMessage ?? shortcut.message !== '';
  if (sendMessage && shortcut.message === '') throw ApiError.badRequest('This shortcut has no message to send.');

  const actions = storedActions(shortcut.actions);
  // Users and teams may have been removed since the shortcut was saved.
  const assignees = assigneesOf(actions);
  await assertReferences(tx, ctx.orgId, users, 'actions.assignedUsers', assignees.users);
  await assertReferences(tx, ctx.orgId, teams, 'actions.assignedTeams', assignees.teams);

  const ref = { id: shortcut.id, name: shortcut.name };
  const filed = { category: 'conversation', section: 'shortcut', context: { shortcut: ref } } as const;
  const { row: updated } = await updateEntity(tx, ctx, conversationEntity, conversation.id, patchFor(conversation, actions), {
    ...filed,
    event: 'shortcut_applied',
  });
  if (!sendMessage) return { conversation: updated, message: null };

  const message = await createEntity(
    tx,
    ctx,
    messageEntity,
    {
      conversationId: conversation.id,
      customerId: conversation.customerId,
      direction: 'out',
      channel: conversation.channel,
      author: request.author,
      body: shortcut.message,
      redactedAt: null,
      redactedById: null,
    },
    { context: { shortcut: ref } },
  );
  // Points at the message, never quotes it: redaction must be able to remove every copy of a body.
  await appendAudit(tx, ctx, [
    draftFor(conversationEntity, updated, { ...filed, event: 'shortcut_message' }, {
      event: 'shortcut_message',
      property: null,
      before: null,
      after: { messageId: message.id, shortcut: ref },
    }),
  ]);
  return { conversation: updated, message };
}

/** The stored actions, checked again: the conversation schema may have tightened since they were saved. */
function storedActions(stored: unknown): ShortcutActionInput[] {
  const parsed = v.safeParse(v.array(ShortcutAction), stored);
  if (!parsed.success) throw ApiError.conflict('This shortcut has actions that no longer apply; edit the shortcut first.');
  return parsed.output;
}

/**
 * The conversation patch of a shortcut's actions. Tags are added to the
 * conversation's tags; every other property is set. Like PATCH
 * /conversations/:id, a new status ends any snooze and reopening clears the
 * ended reason.
 */
export function patchFor(current: Conversation, actions: readonly ShortcutActionInput[]): EntityPatch<typeof conversations> {
  const patch: EntityPatch<typeof conversations> = {};
  for (const action of actions) {
    if (action.property === 'tags') patch.tags = [...new Set([...(patch.tags ?? current.tags), ...action.value])];
    // Each action's value was parsed with the conversation schema of its own property.
    else Object.assign(patch, { [action.property]: action.value });
  }
  if (patch.status !== undefined && patch.status !== 'snoozed') patch.snoozedUntil = null;
  if (patch.status === 'open') patch.endedReason = null;
  return patch;
}
