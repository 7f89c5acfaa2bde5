import * as v from 'valibot';
import { SafeString } from './safe-string';
import { CHANNELS } from '../enums';

const Body = v.pipe(SafeString, v.trim(), v.nonEmpty('must not be empty'), v.maxLength(20_000));

export const MessageCreate = v.strictObject({
  body: Body,
  direction: v.optional(v.picklist(['in', 'out']), 'out'),
  channel: v.optional(v.picklist(CHANNELS)),
});

export const MessagePatch = v.strictObject({ body: Body });

export type MessageCreateInput = v.InferOutput<typeof MessageCreate>;
