import * as v from 'valibot';
import { Id } from './common';

/** The most notifications one `POST /notifications/read` marks. */
export const MARK_READ_MAX_IDS = 100;

/** POST /notifications/read: mark these of the caller's notifications read (repeats count once). */
export const NotificationReadBody = v.strictObject({
  ids: v.pipe(
    v.array(Id),
    v.minLength(1, 'name at least one notification'),
    v.maxLength(MARK_READ_MAX_IDS, `at most ${MARK_READ_MAX_IDS} notifications at once`),
    v.transform((ids) => [...new Set(ids)]),
  ),
});
