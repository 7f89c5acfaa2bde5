import * as v from 'valibot';
import { NotificationBody } from './api-client-responses';

/*
 * The answers of the notification routes beyond the list and the
 * notification itself, and the frames of their stream, as the extension
 * relies on them.
 */

/** GET /notifications/unread-count: the badge's number and where a stream should start. */
export const UnreadCountBody = v.object({ count: v.number(), position: v.number() });
export type UnreadCount = v.InferOutput<typeof UnreadCountBody>;

/** POST /notifications/read-all */
export const ReadAllBody = v.object({ marked: v.number(), unreadCount: v.number(), position: v.number() });
export type ReadAll = v.InferOutput<typeof ReadAllBody>;

/** `event: notification` on the stream: a new notification, or a grown one (same id) to replace. */
export const NotificationFrameData = v.object({ notification: NotificationBody, unreadCount: v.number() });

/** `event: read` on the stream: these notifications (null: all of them) were marked read. */
export const ReadFrameData = v.object({ ids: v.nullable(v.array(v.string())), unreadCount: v.number() });

/** One entry of the person's notification stream, with its position (`seq`) in it. */
export type NotificationStreamFrame =
  | ({ kind: 'notification'; seq: number } & v.InferOutput<typeof NotificationFrameData>)
  | ({ kind: 'read'; seq: number } & v.InferOutput<typeof ReadFrameData>);
