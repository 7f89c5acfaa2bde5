import * as v from 'valibot';

/**
 * `POST /audit/:id/restore`. `force` puts the old value back even when the
 * property changed again since the event (otherwise that answers 409).
 */
export const RestoreRequest = v.strictObject({
  force: v.optional(v.boolean(), false),
});
export type RestoreRequestInput = v.InferOutput<typeof RestoreRequest>;
