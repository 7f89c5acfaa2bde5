import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type AppNotification, ApiClientError, type NotificationStreamFrame } from '../../../shared/api-client';
import type { StoredSession } from '../session/session-items';
import { NotificationFollower } from './notification-follower';
import type { NotificationSurface } from './notification-surface';
import { createPositionStore, followerKeyOf } from './position-store';

const SESSION: StoredSession = {
  token: 'tok',
  backendUrl: 'http://localhost:8787',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: { id: 'u1', email: 'lead@demo.test', name: 'Lee Lead', role: 'lead', orgId: 'o1' },
};
const KEY = followerKeyOf(SESSION);

function note(n: number, grownAt?: string): AppNotification {
  return {
    id: `N${n}`,
    watch: { id: 'W1', name: 'Conversation “Refund”', kind: 'subject' },
    title: `Change ${n}`,
    body: 'Alex Agent changed status to done',
    count: 1,
    eventIds: [`E${n}`],
    firstAt: '2026-12-03T04:00:00.000Z',
    lastAt: '2026-12-03T04:00:00.000Z',
    category: 'conversation',
    subject: { type: 'conversation', id: 'C1', label: 'Refund' },
    link: { kind: 'subject', type: 'conversation', id: 'C1' },
    createdAt: '2026-12-03T04:00:00.000Z',
    updatedAt: grownAt ?? '2026-12-03T04:00:00.000Z',
    readAt: null,
  };
}
const shown = (seq: number, n: number, unreadCount = 1, grownAt?: string): NotificationStreamFrame => ({ kind: 'notification', seq, notification: note(n, grownAt), unreadCount });
const read = (seq: number, ids: string[] | null, unreadCount = 0): NotificationStreamFrame => ({ kind: 'read', seq, ids, unreadCount });

/** One backend connection the test drives. */
class FakeStream {
  private queue: Array<NotificationStreamFrame | Error> = [];
  private wake: (() => void) | null = null;
  constructor(
    readonly after: number,
    readonly signal: AbortSignal,
    private readonly written: (seq: number) => void,
  ) {
    signal.addEventListener('abort', () => this.wake?.());
  }
  /** Entries the backend sends (and has written: its head moves on). */
  push(...items: Array<NotificationStreamFrame | Error>) {
    items.forEach((item) => item instanceof Error || this.written(item.seq));
    this.queue.push(...items);
    this.wake?.();
  }
  async *frames(): AsyncGenerator<NotificationStreamFrame> {
    for (;;) {
      if (this.signal.aborted) throw new DOMException('aborted', 'AbortError');
      const next = this.queue.shift();
      if (next instanceof Error) throw next;
      if (next) yield next;
      else await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

/** What the person sees: desktop notifications by id (with how each was last shown), summaries, the badge. */
class FakeSurface implements NotificationSurface {
  readonly onScreen = new Map<string, { title: string; quiet: boolean }>();
  readonly log: string[] = [];
  badge: string | null = null;
  async show(notification: AppNotification, { quiet }: { quiet: boolean }) {
    this.onScreen.set(notification.id, { title: notification.title, quiet });
    this.log.push(`show ${notification.id}${quiet ? ' quietly' : ''}`);
  }
  async showMore(count: number) {
    this.log.push(`${count} more`);
  }
  async close(ids: readonly string[] | null) {
    if (ids === null) this.onScreen.clear();
    else ids.forEach((id) => this.onScreen.delete(id));
    this.log.push(`close ${ids === null ? 'all' : ids.join(',')}`);
  }
  async setBadge(unread: number | null) {
    this.badge = unread === null ? null : String(unread);
  }
}

function setup(backend: { unread?: number; head?: number; openError?: () => Error | null; catchUpWaitMs?: number } = {}) {
  let session: StoredSession | null = SESSION;
  const streams: FakeStream[] = [];
  const surface = new FakeSurface();
  const positions = createPositionStore();
  const keepAlive = { start: vi.fn(), stop: vi.fn() };
  const state = { head: backend.head ?? 0, unread: backend.unread ?? 0 };
  const sessionRejected = vi.fn(async () => {
    session = null;
  });
  const follower = new NotificationFollower({
    currentSession: async () => session,
    unreadCount: async () => ({ count: state.unread, position: state.head }),
    openStream: async (_session, after, signal) => {
      const error = backend.openError?.();
      if (error) throw error;
      const stream = new FakeStream(after, signal, (seq) => (state.head = Math.max(state.head, seq)));
      streams.push(stream);
      return stream.frames();
    },
    sessionRejected,
    positions,
    surface,
    reconnectDelayMs: () => 0,
    sleep: async () => undefined,
    keepAlive,
    catchUpWaitMs: backend.catchUpWaitMs ?? 2_000,
  });
  return { follower, streams, surface, positions, keepAlive, state, sessionRejected, signOut: () => (session = null) };
}

describe('the notification follower', () => {
  beforeEach(() => fakeBrowser.reset());

  it('starts a first sign-in at the head, so nothing from the past pops up, with the unread count on the badge', async () => {
    const { follower, streams, surface, positions } = setup({ head: 41, unread: 3 });
    follower.start();
    await vi.waitFor(() => expect(streams).toHaveLength(1));
    expect(streams[0]!.after).toBe(41);
    expect(surface.badge).toBe('3');
    expect(surface.log).toEqual([]);

    streams[0]!.push(shown(42, 1, 4));
    await vi.waitFor(() => expect(surface.log).toEqual(['show N1']));
    expect(surface.badge).toBe('4');
    expect(await positions.read(KEY)).toBe(42);
  });

  it('catches up from the stored position with at most three notifications, newest first, and one for the rest', async () => {
    const { follower, streams, surface, positions } = setup({ head: 15, unread: 5 });
    await positions.save(KEY, 10);
    follower.start();
    await vi.waitFor(() => expect(streams).toHaveLength(1));
    expect(streams[0]!.after).toBe(10);

    streams[0]!.push(shown(11, 1), shown(12, 2), shown(13, 3), shown(14, 4));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(surface.log).toEqual([]);
    streams[0]!.push(shown(15, 5, 5));

    await vi.waitFor(() => expect(surface.log).toEqual(['show N3', 'show N4', 'show N5', '2 more']));
    expect(await positions.read(KEY)).toBe(15);
  });

  it('shows a notification that grew several times while nobody followed once, in its latest form, and none read meanwhile', async () => {
    const { follower, streams, surface } = setup({ head: 5 });
    await createPositionStore().save(KEY, 1);
    follower.start();
    await vi.waitFor(() => expect(streams).toHaveLength(1));
    streams[0]!.push(shown(2, 1), shown(3, 2), shown(4, 1, 2, '2026-12-03T04:00:05.000Z'), read(5, ['N2'], 1));
    await vi.waitFor(() => expect(surface.log).toEqual(['show N1 quietly']));
  });

  it('replaces a grown notification quietly and takes read ones off the screen as the badge follows', async () => {
    const { follower, streams, surface } = setup({ head: 0 });
    follower.start();
    await vi.waitFor(() => expect(streams).toHaveLength(1));
    streams[0]!.push(shown(1, 1, 1), shown(2, 1, 1, '2026-12-03T04:00:05.000Z'), shown(3, 2, 2));
    await vi.waitFor(() => expect(surface.log).toEqual(['show N1', 'show N1 quietly', 'show N2']));
    expect(surface.badge).toBe('2');
    streams[0]!.push(read(4, ['N1'], 1));
    await vi.waitFor(() => expect([...surface.onScreen.keys()]).toEqual(['N2']));
    expect(surface.badge).toBe('1');
  });

  it('resumes after the last entry it handled when the connection drops, repeating nothing', async () => {
    const { follower, streams, surface } = setup({ head: 0 });
    follower.start();
    await vi.waitFor(() => expect(streams).toHaveLength(1));
    streams[0]!.push(shown(1, 1), shown(2, 2), new TypeError('network error'));
    await vi.waitFor(() => expect(streams).toHaveLength(2));
    expect(streams[1]!.after).toBe(2);
    // A replay overlapping what was handled (the backend resends from its own view) is skipped.
    streams[1]!.push(shown(2, 2), shown(3, 3));
    await vi.waitFor(() => expect(surface.log).toEqual(['show N1', 'show N2', 'show N3']));
  });

  it('shows what a replay brought even when it never reaches the head it expected', async () => {
    const { follower, streams, surface } = setup({ head: 9, catchUpWaitMs: 50 });
    await createPositionStore().save(KEY, 3);
    follower.start();
    await vi.waitFor(() => expect(streams).toHaveLength(1));
    streams[0]!.push(shown(4, 1));
    await vi.waitFor(() => expect(surface.log).toEqual(['show N1']));
  });

  it('drops a session the backend refuses, clears the badge and the screen, and stops', async () => {
    const { follower, surface, sessionRejected, keepAlive } = setup({ openError: () => new ApiClientError(401, 'unauthenticated', 'Signed out.') });
    await surface.show(note(1), { quiet: false });
    await surface.setBadge(1);
    follower.start();
    await vi.waitFor(() => expect(follower.isRunning).toBe(false));
    expect(sessionRejected).toHaveBeenCalledOnce();
    expect(surface.badge).toBeNull();
    expect(surface.onScreen.size).toBe(0);
    expect(keepAlive.stop).toHaveBeenCalled();
  });

  it('stops following on sign-out, and keeps the worker alive only while it follows', async () => {
    const { follower, streams, surface, keepAlive, signOut } = setup({ head: 0, unread: 2 });
    follower.start();
    await vi.waitFor(() => expect(streams).toHaveLength(1));
    expect(keepAlive.start).toHaveBeenCalled();
    expect(keepAlive.stop).not.toHaveBeenCalled();

    signOut();
    follower.sessionChanged();

    await vi.waitFor(() => expect(follower.isRunning).toBe(false));
    expect(streams[0]!.signal.aborted).toBe(true);
    expect(surface.badge).toBeNull();
    expect(keepAlive.stop).toHaveBeenCalled();
  });

  it('opens one stream however often it is started (alarms, start-up events)', async () => {
    const { follower, streams } = setup();
    follower.start();
    follower.start();
    await vi.waitFor(() => expect(streams).toHaveLength(1));
    follower.start();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(streams).toHaveLength(1);
  });

  it('puts the count on the badge at once when notifications are marked read here', async () => {
    const { follower, surface, state } = setup({ unread: 4 });
    await follower.unreadChanged(0);
    expect(surface.badge).toBe('0');
    state.unread = 3;
    await follower.unreadChanged(null);
    expect(surface.badge).toBe('3');
  });
});
