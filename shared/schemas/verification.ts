import * as v from 'valibot';
import { SafeString } from './safe-string';

/** GET /audit/verify: `full=true` checks the whole chain rather than from the last verified checkpoint. */
export const VerifyQuery = v.strictObject({
  full: v.optional(v.pipe(SafeString, v.picklist(['true', 'false'])), 'false'),
});

/** GET /audit/verifications: the newest recorded runs. */
export const VerificationListQuery = v.strictObject({
  limit: v.optional(v.pipe(SafeString, v.toNumber(), v.integer(), v.minValue(1), v.maxValue(100)), '20'),
});
