import * as v from 'valibot';
import { IsoTimestamp, Text } from './common';

/** A CSAT survey is scheduled for a time after the conversation. */
export const SurveySchedule = v.strictObject({ scheduledFor: IsoTimestamp });

/** The customer's rating, 1 (bad) to 5 (great). */
export const SurveyRating = v.strictObject({
  rating: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)),
});

/** The customer's free-text comment. */
export const SurveyComment = v.strictObject({ comment: Text(5000) });
