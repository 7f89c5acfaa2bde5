import * as v from 'valibot';
import type { Category } from '../enums';

/** How long a workspace keeps its audit log unless it says otherwise. */
export const DEFAULT_RETENTION_DAYS = 365;
/** Less than a month would lose the history people come back to check. */
export const MIN_RETENTION_DAYS = 30;
/** Ten years: past that, keeping is a storage question, not a setting. */
export const MAX_RETENTION_DAYS = 3650;

const Days = v.pipe(
  v.number(),
  v.integer('must be a whole number of days'),
  v.minValue(MIN_RETENTION_DAYS, `must be at least ${MIN_RETENTION_DAYS} days`),
  v.maxValue(MAX_RETENTION_DAYS, `must be at most ${MAX_RETENTION_DAYS} days`),
);

/**
 * `PUT /settings/retention`: the whole setting. `categoryDays` overrides
 * `days` for the event types it names; leaving it out clears the overrides.
 */
export const RetentionPut = v.strictObject({
  days: Days,
  categoryDays: v.optional(
    v.strictObject({
      authorization: v.optional(Days),
      billing: v.optional(Days),
      conversation: v.optional(Days),
      customer: v.optional(Days),
      settings: v.optional(Days),
      work_session: v.optional(Days),
    } satisfies Record<Category, v.GenericSchema>),
    {},
  ),
});
export type RetentionPutInput = v.InferOutput<typeof RetentionPut>;
