import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionState } from '../../lib/messaging/protocol';
import { PopupModel } from '../../lib/popup/popup-model';
import { PopupApp } from './PopupApp';

const signedIn: SessionState = {
  status: 'signed_in',
  backendUrl: 'http://localhost:8787',
  expiresAt: '2030-01-01T00:00:00.000Z',
  user: { id: 'u1', email: 'agent@demo.test', name: 'Ana Ruiz', role: 'agent', orgId: 'o1' },
};

async function openPopup(session: SessionState) {
  const model = new PopupModel({
    getSession: async () => session,
    signIn: async () => ({ ok: true, value: session }),
    signOut: async () => ({ status: 'signed_out' }),
    lastBackendUrl: async () => 'http://localhost:8787',
    requestHostPermission: async () => true,
  });
  render(<PopupApp model={model} />);
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
});
