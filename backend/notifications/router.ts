import { Hono } from 'hono';
import * as v from 'valibot';
import { IdParam } from '../../shared/schemas/common';
import { SafeString } from '../../shared/schemas/safe-string';
import { NotificationReadBody } from '../../shared/schemas/notifications';
import { NotificationListQuery } from '../../shared/schemas/watches';
import { principalOf } from '../auth/authenticate';
import { requires } from '../auth/require';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import type { AppEnv } from '../http/app-env';
import { validate } from '../http/validate';
import { liveStream } from '../live/live-stream';
import { openNotificationCursor, signNotificationCursor } from './cursor';
import { notificationHubOf } from './feed-hub';
import { feedRowsAfter } from './feed-rows';
import { markAllRead, markRead } from './mark-read';
import { presentNotifications } from './present';
import { feedHead, getOwn, getOwnMany, listOwn, positionOf, unreadCountOf } from './queries';
import { personOf } from '../auth/principal';

/** A stream position: a feed seq, as the stream's SSE ids give it. */
const SEQ_PATTERN = /^(0|[1-9][0-9]{0,14})$/;
const Seq = v.pipe(SafeString, v.regex(SEQ_PATTERN, 'must be a stream position'), v.transform(Number));

const StreamQuery = v.strictObject({
  /** For clients that cannot set the Last-Event-ID header; the header wins when both are sent. */
  after: v.optional(Seq),
});

export interface NotificationsRouterOptions {
  /** A comment is sent after this long without anything else (default 15 s). */
  heartbeatMs?: number;
  /** Open streams allowed per person in this process (default 5); more get 429. */
  maxStreams?: number;
}

/**
 * `/notifications`: a person's own notifications (never anyone else's: an id
 * of another person's answers 404), their unread count, marking them read,
 * and the live stream of new ones and of markings. People only: API keys
 * hold no `watches:use`.
 */
export function notificationsRouter(deps: AppDeps, options: NotificationsRouterOptions = {}) {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  // Counted per process, as /audit/stream's are: a person connected to several processes has this many in each.
  const maxStreams = options.maxStreams ?? 5;
  const reader = deps.db.reader;

  return new Hono<AppEnv>()
    .use(requires('watches:use'))
    .get('/', validate('query', NotificationListQuery), async (c) => {
      const owner = personOf(principalOf(c));
      const { limit, cursor, unread } = c.req.valid('query');
      const onlyUnread = unread === 'true';
      const beforeId = cursor === undefined ? undefined : openNotificationCursor(deps.cursorKey, cursor, owner, onlyUnread);
      // Read before the page: whatever is raised after it reaches a stream started from it, even if this page misses it.
      const position = await positionOf(reader, owner);
      const rows = await listOwn(reader, owner, { beforeId, unread: onlyUnread, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const items = await presentNotifications(reader, page);
      const nextCursor = rows.length > limit ? signNotificationCursor(deps.cursorKey, page.at(-1)!.id, owner, onlyUnread) : null;
      return c.json({ items, nextCursor, unreadCount: await unreadCountOf(reader, owner), position });
    })
    .get('/unread-count', async (c) => {
      const owner = personOf(principalOf(c));
      const position = await positionOf(reader, owner);
      return c.json({ count: await unreadCountOf(reader, owner), position });
    })
    .get('/stream', validate('query', StreamQuery), async (c) => {
      const owner = personOf(principalOf(c));
      const header = c.req.header('last-event-id');
      if (header !== undefined && !SEQ_PATTERN.test(header)) {
        throw ApiError.badRequest('The Last-Event-ID header is not valid.', [{ path: 'Last-Event-ID', message: 'must be a stream position' }]);
      }
      const asked = header !== undefined ? Number(header) : c.req.valid('query').after;
      // Seqs are never reused, so a position past the head was not given by this database (one replaced since):
      // such a client starts at the head, as a new one does, instead of waiting for seqs to catch up with it.
      const after = asked === undefined ? await positionOf(reader, owner) : Math.min(asked, await feedHead(reader));

      const hub = notificationHubOf(deps);
      if (!hub.tryOpen(owner.userId, maxStreams)) {
        throw new ApiError(429, 'rate_limited', `At most ${maxStreams} notification streams may be open at once to this server process. Close one first.`);
      }
      const body = liveStream({
        changes: hub.signalOf(owner.userId),
        lastId: String(after),
        rowsAfter: (last) => feedRowsAfter(reader, owner, Number(last)),
        heartbeatMs,
        signal: c.req.raw.signal,
        onClose: () => hub.release(owner.userId),
      });
      return c.body(body, 200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store, no-transform',
        // nginx and similar proxies otherwise buffer the stream.
        'x-accel-buffering': 'no',
      });
    })
    .post('/read-all', async (c) => {
      const owner = personOf(principalOf(c));
      const now = deps.now().getTime();
      const answer = await deps.writes.run(async (tx) => {
        const marked = await markAllRead(tx, owner, now);
        return { marked, unreadCount: 0, position: await positionOf(tx, owner) };
      });
      return c.json(answer);
    })
    .post('/read', validate('json', NotificationReadBody), async (c) => {
      const owner = personOf(principalOf(c));
      const { ids } = c.req.valid('json');
      const now = deps.now().getTime();
      const answer = await deps.writes.run(async (tx) => {
        // All or nothing: one id that is not the caller's marks none.
        if ((await getOwnMany(tx, owner, ids)).length !== ids.length) throw ApiError.notFound('notification');
        const marked = await markRead(tx, owner, ids, now);
        return { marked: marked.length, unreadCount: await unreadCountOf(tx, owner), position: await positionOf(tx, owner) };
      });
      return c.json(answer);
    })
    .post('/:id/read', validate('param', IdParam), async (c) => {
      const owner = personOf(principalOf(c));
      const { id } = c.req.valid('param');
      const now = deps.now().getTime();
      const [notification] = await deps.writes.run(async (tx) => {
        // Marks nothing unless the notification is the caller's; then it is read back, or 404.
        await markRead(tx, owner, [id], now);
        const row = await getOwn(tx, owner, id);
        if (!row) throw ApiError.notFound('notification');
        return presentNotifications(tx, [row]);
      });
      return c.json(notification!);
    });
}
