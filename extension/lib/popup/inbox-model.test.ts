import { describe, expect, it, vi } from 'vitest';
import type { AppNotification, NotificationPage, Watch } from '../../../shared/api-client';
import type { Result } from '../messaging/protocol';
import { type InboxDeps, InboxModel } from './inbox-model';
import { type WatchesDeps, WatchesModel } from './watches-model';

const NOW = Date.parse('2026-12-03T05:00:00.000Z');
const note = (id: string, readAt: string | null = null): AppNotification =>
  ({ id, title: `About ${id}`, body: 'changed', count: 1, readAt, link: { kind: 'log', filter: 'event=login_failed' } }) as AppNotification;
const ok = <T,>(value: T): Result<T> => ({ ok: true, value });

function inbox(pages: Record<string, NotificationPage>, overrides: Partial<InboxDeps> = {}) {
  const deps: InboxDeps = {
    listNotifications: vi.fn(async ({ cursor }) => ok(pages[cursor ?? 'first']!)),
    markRead: vi.fn(async (id: string) => ok({ ...note(id), readAt: '2026-12-03T05:00:00.000Z' })),
    markAllRead: vi.fn(async () => ok({ marked: 2, unreadCount: 0, position: 9 })),
    open: vi.fn(async () => undefined),
    now: () => NOW,
    ...overrides,
  };
  return { model: new InboxModel(deps), deps };
}

describe('the popup’s notifications', () => {
  it('lists them newest first as the backend sends them, with the unread count, and appends the next page without repeats', async () => {
    const { model } = inbox({
      first: { items: [note('N3'), note('N2', '2026-12-03T04:00:00.000Z')], nextCursor: 'c2', unreadCount: 2, position: 8 },
      c2: { items: [note('N2', '2026-12-03T04:00:00.000Z'), note('N1')], nextCursor: null, unreadCount: 2, position: 8 },
    });
    expect(model.phase.value).toBe('loading');
    await model.load();
    expect(model.items.value.map((n) => n.id)).toEqual(['N3', 'N2']);
    expect(model.unreadCount.value).toBe(2);
    expect(model.hasMore.value).toBe(true);
    await model.loadMore();
    expect(model.items.value.map((n) => n.id)).toEqual(['N3', 'N2', 'N1']);
    expect(model.hasMore.value).toBe(false);
  });

  it('refreshed while open, puts new and grown notifications on top, shows reads made elsewhere, and keeps the older pages', async () => {
    const pages: Record<string, NotificationPage> = {
      first: { items: [note('N3'), note('N2')], nextCursor: 'c2', unreadCount: 3, position: 8 },
      c2: { items: [note('N1')], nextCursor: null, unreadCount: 3, position: 8 },
    };
    const { model } = inbox(pages);
    await model.load();
    await model.loadMore();
    pages.first = { items: [note('N4'), { ...note('N3'), count: 5 }], nextCursor: 'c3', unreadCount: 2, position: 12 };
    await model.refresh();
    expect(model.items.value.map((n) => [n.id, n.count])).toEqual([
      ['N4', 1],
      ['N3', 5],
      ['N2', 1],
      ['N1', 1],
    ]);
    expect(model.unreadCount.value).toBe(2);
    expect(model.hasMore.value).toBe(false);
  });

  it('marks one read: it shows read and the count goes down; marking it again asks nothing', async () => {
    const { model, deps } = inbox({ first: { items: [note('N2'), note('N1')], nextCursor: null, unreadCount: 2, position: 8 } });
    await model.load();
    await model.markRead(model.items.value[0]!);
    expect(model.items.value.map((n) => n.readAt !== null)).toEqual([true, false]);
    expect(model.unreadCount.value).toBe(1);
    await model.markRead(model.items.value[0]!);
    expect(deps.markRead).toHaveBeenCalledOnce();
  });

  it('marks all read at once', async () => {
    const { model } = inbox({ first: { items: [note('N2'), note('N1')], nextCursor: null, unreadCount: 2, position: 8 } });
    await model.load();
    await model.markAllRead();
    expect(model.items.value.every((n) => n.readAt === '2026-12-03T05:00:00.000Z')).toBe(true);
    expect(model.unreadCount.value).toBe(0);
    expect(model.hasUnread.value).toBe(false);
  });

  it('opens a notification and reads it', async () => {
    const { model, deps } = inbox({ first: { items: [note('N1')], nextCursor: null, unreadCount: 1, position: 8 } });
    await model.load();
    await model.open(model.items.value[0]!);
    expect(deps.open).toHaveBeenCalledWith(note('N1'));
    expect(deps.markRead).toHaveBeenCalledWith('N1');
    expect(model.unreadCount.value).toBe(0);
  });

  it('shows the backend’s message when it cannot mark, and keeps the notification unread', async () => {
    const { model } = inbox(
      { first: { items: [note('N1')], nextCursor: null, unreadCount: 1, position: 8 } },
      { markRead: async () => ({ ok: false, error: { code: 'not_found', message: 'No such notification.' } }) },
    );
    await model.load();
    await model.markRead(model.items.value[0]!);
    expect(model.error.value).toBe('No such notification.');
    expect(model.items.value[0]!.readAt).toBeNull();
    expect(model.unreadCount.value).toBe(1);
  });

  it('says so when the list cannot be loaded', async () => {
    const { model } = inbox({}, { listNotifications: async () => ({ ok: false, error: { code: 'offline', message: 'Auditdesk could not reach the backend.' } }) });
    await model.load();
    expect(model.phase.value).toBe('failed');
    expect(model.error.value).toBe('Auditdesk could not reach the backend.');
  });
});

const watch = (id: string, paused = false): Watch => ({ id, name: `Watch ${id}`, kind: 'subject', paused }) as Watch;

function watches(overrides: Partial<WatchesDeps> = {}) {
  const deps: WatchesDeps = {
    listWatches: vi.fn(async () => ok([watch('W2'), watch('W1', true)])),
    setPaused: vi.fn(async (id: string, paused: boolean) => ok(watch(id, paused))),
    deleteWatch: vi.fn(async () => ok(null)),
    ...overrides,
  };
  return { model: new WatchesModel(deps), deps };
}

describe('the popup’s watches', () => {
  it('pauses a running watch and resumes a paused one', async () => {
    const { model, deps } = watches();
    await model.load();
    await model.togglePaused(model.items.value[0]!);
    await model.togglePaused(model.items.value[1]!);
    expect(deps.setPaused).toHaveBeenNthCalledWith(1, 'W2', true);
    expect(deps.setPaused).toHaveBeenNthCalledWith(2, 'W1', false);
    expect(model.items.value.map((w) => w.paused)).toEqual([true, false]);
  });

  it('deletes a watch only once the delete is confirmed, and not when it is cancelled', async () => {
    const { model, deps } = watches();
    await model.load();
    model.askDelete('W2');
    model.cancelDelete();
    await model.confirmDelete();
    expect(deps.deleteWatch).not.toHaveBeenCalled();
    model.askDelete('W2');
    await model.confirmDelete();
    expect(deps.deleteWatch).toHaveBeenCalledWith('W2');
    expect(model.items.value.map((w) => w.id)).toEqual(['W1']);
    expect(model.confirming.value).toBeNull();
  });

  it('sends one change at a time per watch', async () => {
    let answer!: (result: Result<Watch>) => void;
    const { model, deps } = watches({ setPaused: vi.fn(() => new Promise<Result<Watch>>((resolve) => (answer = resolve))) });
    await model.load();
    const first = model.togglePaused(model.items.value[0]!);
    await model.togglePaused(model.items.value[0]!);
    expect(model.busy.value.has('W2')).toBe(true);
    answer(ok(watch('W2', true)));
    await first;
    expect(deps.setPaused).toHaveBeenCalledOnce();
    expect(model.busy.value.size).toBe(0);
  });

  it('keeps a watch the backend would not delete, with its message', async () => {
    const { model } = watches({ deleteWatch: async () => ({ ok: false, error: { code: 'not_found', message: 'No such watch.' } }) });
    await model.load();
    model.askDelete('W1');
    await model.confirmDelete();
    expect(model.items.value).toHaveLength(2);
    expect(model.error.value).toBe('No such watch.');
  });
});
