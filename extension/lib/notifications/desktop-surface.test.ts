import { describe, expect, it, vi } from 'vitest';
import type { AppNotification } from '../../../shared/api-client';
import { planCatchUp } from './catch-up';
import { createDesktopSurface, MORE_TAG } from './desktop-surface';
import { openClickedNotification } from './notification-click';
import { notificationTarget } from './open-target';
import type { StoredSession } from '../session/session-items';

const note = (id: string, title = id): AppNotification =>
  ({
    id,
    title,
    body: 'Alex Agent changed status to done',
    link: { kind: 'subject', type: 'conversation', id: 'C1' },
    createdAt: '2026-12-03T04:00:00.000Z',
    updatedAt: '2026-12-03T04:00:00.000Z',
  }) as AppNotification;

/** The worker's registration: what showNotification shows, by tag, as Chrome keeps it. */
function fakeRegistration(options: { permission?: boolean } = {}) {
  const shown = new Map<string, { title: string; options: NotificationOptions; closed: boolean }>();
  return {
    shown,
    async showNotification(title: string, opts: NotificationOptions) {
      if (options.permission === false) throw new TypeError('No notification permission has been granted for this origin.');
      shown.set(opts.tag ?? '', { title, options: opts, closed: false });
    },
    async getNotifications() {
      return [...shown.entries()].filter(([, n]) => !n.closed).map(([tag, n]) => ({ tag, data: n.options.data, close: () => (n.closed = true) }));
    },
  };
}

describe('desktop notifications and the badge', () => {
  it('shows each notification under its own id, so showing it again replaces it', async () => {
    const registration = fakeRegistration();
    const surface = createDesktopSurface({ registration, setBadgeText: async () => undefined });
    await surface.show(note('N1', 'first'), { quiet: false });
    await surface.show(note('N1', '2 changes'), { quiet: true });
    expect([...registration.shown.keys()]).toEqual(['N1']);
    expect(registration.shown.get('N1')).toMatchObject({ title: '2 changes', options: { silent: true, body: 'Alex Agent changed status to done' } });
  });

  it('sums several up in one notification and closes only the ones asked for', async () => {
    const registration = fakeRegistration();
    const surface = createDesktopSurface({ registration, setBadgeText: async () => undefined });
    await surface.show(note('N1'), { quiet: false });
    await surface.show(note('N2'), { quiet: false });
    await surface.showMore(4);
    expect(registration.shown.get(MORE_TAG)?.title).toBe('4 more notifications');
    await surface.close(['N1']);
    expect((await registration.getNotifications()).map((n) => n.tag)).toEqual(['N2', MORE_TAG]);
    await surface.close(null);
    expect(await registration.getNotifications()).toEqual([]);
  });

  it('keeps the badge working without the notifications permission', async () => {
    const setBadgeText = vi.fn(async (_text: string) => undefined);
    const surface = createDesktopSurface({ registration: fakeRegistration({ permission: false }), setBadgeText });
    await expect(surface.show(note('N1'), { quiet: false })).resolves.toBeUndefined();
    await surface.setBadge(120);
    await surface.setBadge(0);
    await surface.setBadge(null);
    expect(setBadgeText.mock.calls.map(([text]) => text)).toEqual(['99+', '', '']);
  });
});

describe('catching up', () => {
  it('keeps each notification once, newest first, at most three, and counts the rest', () => {
    const grown = { ...note('N1', 'grown'), updatedAt: '2026-12-03T04:00:09.000Z' };
    expect(planCatchUp([note('N1'), note('N2'), grown])).toEqual({ show: [grown, note('N2')], more: 0 });
    const plan = planCatchUp(['A', 'B', 'C', 'D', 'E'].map((id) => note(id)));
    expect(plan.show.map((n) => n.id)).toEqual(['E', 'D', 'C']);
    expect(plan.more).toBe(2);
  });
});

describe('opening a notification', () => {
  const session = { backendUrl: 'http://127.0.0.1:8787' } as StoredSession;

  it('leads to the subject in the workspace, or to the audit page filtered as its watch', () => {
    expect(notificationTarget({ kind: 'subject', type: 'customer', id: 'K 1' }, 'http://127.0.0.1:8787/', 'chrome-extension://x/')).toEqual({
      url: 'http://127.0.0.1:8787/workspace/customers/K%201',
      panel: true,
    });
    expect(notificationTarget({ kind: 'log', filter: 'event=login_failed&from=2026-12-03T04:00:00.000Z' }, 'http://h', 'chrome-extension://x/')).toEqual({
      url: 'chrome-extension://x/options.html?event=login_failed&from=2026-12-03T04:00:00.000Z',
      panel: false,
    });
  });

  it('opens the subject with the panel and marks it read on a click; the summary opens the list', async () => {
    const deps = {
      currentSession: async () => session,
      markRead: vi.fn(async () => undefined),
      openTab: vi.fn(async () => undefined),
      openInbox: vi.fn(async () => undefined),
      extensionBaseUrl: 'chrome-extension://x/',
    };
    await openClickedNotification({ auditdesk: 'notification', id: 'N1', link: { kind: 'subject', type: 'conversation', id: 'C1' } }, deps);
    expect(deps.openTab).toHaveBeenCalledWith('http://127.0.0.1:8787/workspace/conversations/C1', true);
    expect(deps.markRead).toHaveBeenCalledWith('N1');
    await openClickedNotification({ auditdesk: 'more' }, deps);
    expect(deps.openInbox).toHaveBeenCalledOnce();
    await openClickedNotification({ something: 'else' }, deps);
    expect(deps.openTab).toHaveBeenCalledOnce();
  });
});
