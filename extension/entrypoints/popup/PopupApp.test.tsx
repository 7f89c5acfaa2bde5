import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppNotification, Watch } from '../../../shared/api-client';
import type { SessionState } from '../../lib/messaging/protocol';
import { InboxModel } from '../../lib/popup/inbox-model';
import { PopupModel } from '../../lib/popup/popup-model';
import { WatchesModel } from '../../lib/popup/watches-model';
import { PopupApp } from './PopupApp';

const signedIn: SessionState = {
  status: 'signed_in',
  backendUrl: 'http://localhost:8787',
  expiresAt: '2030-01-01T00:00:00.000Z',
  user: { id: 'u1', email: 'agent@demo.test', name: 'Ana Ruiz', role: 'agent', orgId: 'o1' },
};

const notification = (id: string, readAt: string | null): AppNotification => ({
  id,
  watch: { id: 'W1', name: 'Conversation “Refund”', kind: 'subject' },
  title: `Conversation “Refund” ${id}`,
  body: 'Alex Agent changed status to done',
  count: 1,
  eventIds: ['E1'],
  firstAt: '2026-12-03T04:00:00.000Z',
  lastAt: '2026-12-03T04:00:00.000Z',
  category: 'conversation',
  subject: { type: 'conversation', id: 'C1', label: 'Refund' },
  link: { kind: 'subject', type: 'conversation', id: 'C1' },
  createdAt: '2026-12-03T04:00:00.000Z',
  updatedAt: '2026-12-03T04:00:00.000Z',
  readAt,
});
const watch = { id: 'W1', name: 'Conversation “Refund”', kind: 'subject', paused: true } as Watch;

async function openPopup(session: SessionState, items: AppNotification[] = []) {
  const model = new PopupModel({
    getSession: async () => session,
    signIn: async () => ({ ok: true, value: session }),
    signOut: async () => ({ status: 'signed_out' }),
    lastBackendUrl: async () => 'http://localhost:8787',
    requestHostPermission: async () => true,
  });
  const inbox = new InboxModel({
    listNotifications: async () => ({ ok: true, value: { items, nextCursor: null, unreadCount: items.filter((n) => !n.readAt).length, position: 3 } }),
    markRead: async (id) => ({ ok: true, value: { ...notification(id, '2026-12-03T05:00:00.000Z') } }),
    markAllRead: async () => ({ ok: true, value: { marked: 1, unreadCount: 0, position: 4 } }),
    open: async () => undefined,
  });
  const watches = new WatchesModel({
    listWatches: async () => ({ ok: true, value: [watch] }),
    setPaused: async () => ({ ok: true, value: { ...watch, paused: false } }),
    deleteWatch: async () => ({ ok: true, value: null }),
  });
  render(<PopupApp model={model} inbox={inbox} watches={watches} />);
  await model.load();
  return screen.findByTestId('popup-user');
}

afterEach(cleanup);

describe('the popup', () => {
  it('says it is offline when the session could not be checked with the backend', async () => {
    await openPopup({ ...signedIn, offline: true });
    expect(screen.getByTestId('popup-offline').textContent).toContain('http://localhost:8787 could not be reached');
    expect(screen.getByTestId('popup-sign-out')).toBeTruthy();
  });

  it('shows no offline note once the backend confirmed the session', async () => {
    await openPopup(signedIn);
    expect(screen.queryByTestId('popup-offline')).toBeNull();
  });

  it('lists the notifications with the unread ones marked, and marks them all read', async () => {
    await openPopup(signedIn, [notification('N2', null), notification('N1', '2026-12-03T04:30:00.000Z')]);
    const items = await screen.findAllByTestId('popup-notification');
    expect(items.map((item) => [item.dataset.id, item.dataset.unread])).toEqual([
      ['N2', 'true'],
      ['N1', 'false'],
    ]);
    expect(screen.getByTestId('popup-unread-count').textContent).toBe('1 unread');
    fireEvent.click(screen.getByTestId('popup-read-all'));
    await waitFor(() => expect(screen.queryByTestId('popup-unread-count')).toBeNull());
    expect(screen.getAllByTestId('popup-notification').map((item) => item.dataset.unread)).toEqual(['false', 'false']);
  });

  it('lists the watches and resumes a paused one', async () => {
    await openPopup(signedIn);
    const item = await screen.findByTestId('popup-watch');
    expect(item.textContent).toContain('Record · paused');
    fireEvent.click(screen.getByTestId('popup-watch-pause'));
    await waitFor(() => expect(screen.getByTestId('popup-watch').dataset.paused).toBe('false'));
  });
});
