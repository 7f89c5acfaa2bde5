import * as v from 'valibot';
import { SafeString } from './safe-string';

/** GET /audit/checkpoints: a page of the workspace's checkpoints, newest first. */
export const CheckpointListQuery = v.strictObject({
  limit: v.optional(v.pipe(SafeString, v.toNumber(), v.integer(), v.minValue(1), v.maxValue(100)), '20'),
  /** The `nextCursor` of the page before. */
  cursor: v.optional(v.pipe(SafeString, v.maxLength(200))),
});
