import * as v from 'valibot';
import { CHANNELS, CONVERSATION_STATUSES, PRIORITIES } from '../enums';
import { CustomAttributes, Id, IdList, IsoTimestamp, LanguageTag, OptionalText, Tags, Text } from './common';

const conversationFields = {
  name: Text(200),
  status: v.picklist(CONVERSATION_STATUSES),
  snoozedUntil: v.nullable(IsoTimestamp),
  endedReason: OptionalText(200),
  priority: v.picklist(PRIORITIES),
  tags: Tags,
  assignedUsers: IdList,
  assignedTeams: IdList,
  defaultLanguage: v.nullable(LanguageTag),
  assistant: OptionalText(100),
  custom: CustomAttributes,
};

/**
 * Snoozing needs a wake-up time. (Leaving the snoozed status clears it: the
 * service does that, so a client never has to send both.)
 */
function snoozeNeedsWakeUp<T extends { status?: string | undefined; snoozedUntil?: string | null | undefined }>() {
  return v.check<T, string>(
    (c) => c.status !== 'snoozed' || typeof c.snoozedUntil === 'string',
    'snoozing needs snoozedUntil, the time the conversation wakes up',
  );
}

export const ConversationCreate = v.pipe(
  v.strictObject({
    customerId: Id,
    name: conversationFields.name,
    channel: v.optional(v.picklist(CHANNELS), 'email'),
    status: v.optional(conversationFields.status, 'open'),
    snoozedUntil: v.optional(conversationFields.snoozedUntil, null),
    priority: v.optional(conversationFields.priority, 'normal'),
    tags: v.optional(conversationFields.tags, []),
    assignedUsers: v.optional(conversationFields.assignedUsers, []),
    assignedTeams: v.optional(conversationFields.assignedTeams, []),
    defaultLanguage: v.optional(conversationFields.defaultLanguage, null),
    assistant: v.optional(conversationFields.assistant, null),
    custom: v.optional(conversationFields.custom, {}),
  }),
  snoozeNeedsWakeUp(),
);

export const ConversationPatch = v.pipe(
  v.partial(v.strictObject(conversationFields)),
  snoozeNeedsWakeUp(),
);

export type ConversationCreateInput = v.InferOutput<typeof ConversationCreate>;
export type ConversationPatchInput = v.InferOutput<typeof ConversationPatch>;
