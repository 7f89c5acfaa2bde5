import * as v from 'valibot';
import { ROLES } from '../enums';
import { Email, SafeString, Text } from './common';

/**
 * Only a cap on input size: the password rules (8 to 1024 characters, no
 * common or self-derived passwords) are the backend's password policy, which
 * answers 400 with the rule that failed. Never trimmed or truncated.
 */
export const NewPassword = v.pipe(SafeString, v.maxLength(2048, 'is too long'));

/** POST /users: an admin adds someone to their workspace. */
export const UserCreate = v.strictObject({
  email: Email,
  name: Text(100),
  role: v.picklist(ROLES),
  password: NewPassword,
});

/** PATCH /users/:id: rename, change role, disable (ends their sessions) or re-enable. */
export const UserPatch = v.strictObject({
  name: v.optional(Text(100)),
  role: v.optional(v.picklist(ROLES)),
  disabled: v.optional(v.boolean()),
});
export type UserPatchInput = v.InferOutput<typeof UserPatch>;
