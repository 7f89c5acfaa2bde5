import * as v from 'valibot';
import { SHARE_ACCESS } from '../enums';
import { IdList, SafeString, Text } from './common';
import { ConversationPatch, type ConversationPatchInput } from './conversations';

/** The conversation properties a shortcut may set. */
export const SHORTCUT_ACTION_PROPERTIES = ['status', 'priority', 'tags', 'assignedUsers', 'assignedTeams', 'endedReason'] as const;
export type ShortcutActionProperty = (typeof SHORTCUT_ACTION_PROPERTIES)[number];

/**
 * One action a shortcut applies to a conversation. `tags` are added to the
 * conversation's tags; every other property is set to `value`.
 */
export type ShortcutActionInput = {
  [K in ShortcutActionProperty]: { property: K; value: Exclude<ConversationPatchInput[K], undefined> };
}[ShortcutActionProperty];

/**
 * `{ property, value }`, where `value` must be what PATCH /conversations/:id
 * accepts for that property: the conversation schema is the one source of
 * truth, so a shortcut can never store an action the conversation would
 * refuse (snoozing, which needs a wake-up time, is refused the same way).
 */
export const ShortcutAction = v.pipe(
  v.strictObject({ property: v.picklist(SHORTCUT_ACTION_PROPERTIES), value: v.unknown() }),
  v.rawTransform<{ property: ShortcutActionProperty; value: unknown }, ShortcutActionInput>(({ dataset, addIssue, NEVER }) => {
    const { property, value } = dataset.value;
    const parsed = v.safeParse(ConversationPatch, { [property]: value });
    const output = parsed.success ? parsed.output[property] : undefined;
    if (!parsed.success || output === undefined) {
      const reason = parsed.success ? 'a value is required' : parsed.issues.map((i) => i.message).join('; ');
      addIssue({ message: `not a valid ${property} for a conversation: ${reason}` });
      return NEVER;
    }
    // safeParse of the property's own schema guarantees the pairing.
    return { property, value: output } as ShortcutActionInput;
  }),
);

const shortcutFields = {
  name: Text(200),
  /** The message the shortcut writes into the conversation; empty for an actions-only shortcut. */
  message: v.pipe(SafeString, v.trim(), v.maxLength(20_000)),
  shareAccess: v.picklist(SHARE_ACCESS),
  sharedUsers: IdList,
  sharedTeams: IdList,
  actions: v.pipe(v.array(ShortcutAction), v.maxLength(20)),
};

export const ShortcutCreate = v.strictObject({
  name: shortcutFields.name,
  message: v.optional(shortcutFields.message, ''),
  shareAccess: v.optional(shortcutFields.shareAccess, 'everyone'),
  sharedUsers: v.optional(shortcutFields.sharedUsers, []),
  sharedTeams: v.optional(shortcutFields.sharedTeams, []),
  actions: v.optional(shortcutFields.actions, []),
});

export const ShortcutPatch = v.partial(v.strictObject(shortcutFields));

/** POST /conversations/:id/shortcuts/:shortcutId/apply. `sendMessage` defaults to "when the shortcut has one". */
export const ShortcutApply = v.strictObject({ sendMessage: v.optional(v.boolean()) });

export type ShortcutCreateInput = v.InferOutput<typeof ShortcutCreate>;
export type ShortcutPatchInput = v.InferOutput<typeof ShortcutPatch>;
