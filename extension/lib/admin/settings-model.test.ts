import { describe, expect, it, vi } from 'vitest';
import type { SessionState } from '../messaging/protocol';
import { SettingsModel } from './settings-model';
import { adminUser, apiKey, fakeAdminDeps, integrityStatus } from './testing';

function signedInAs(role: 'agent' | 'lead' | 'admin'): SessionState {
  return {
    status: 'signed_in',
    backendUrl: 'http://127.0.0.1:8787',
    expiresAt: '2030-01-01T00:00:00.000Z',
    user: { id: '01JD00000000000000000000A1', email: `${role}@demo.test`, name: 'Someone', role, orgId: 'o1' },
  };
}

describe('the Settings section', () => {
  it('loads retention, users, API keys and the log integrity for an admin', async () => {
    const model = new SettingsModel(
      fakeAdminDeps({
        getSession: async () => signedInAs('admin'),
        listUsers: async () => ({ ok: true, value: { items: [adminUser()], nextCursor: null } }),
        listApiKeys: async () => ({ ok: true, value: [apiKey()] }),
        getRetention: async () => ({ ok: true, value: { days: 365, categoryDays: {} } }),
        getIntegrity: async () => ({ ok: true, value: integrityStatus() }),
      }),
    );
    await model.load();
    expect(model.access.value).toEqual({ kind: 'admin', userId: '01JD00000000000000000000A1' });
    expect(model.mayCheckIntegrity.value).toBe(true);
    expect(model.integrity.status.value).toEqual(integrityStatus());
    expect(model.reason.value).toBeNull();
    expect(model.users.users.value).toHaveLength(1);
    expect(model.users.selfId.value).toBe('01JD00000000000000000000A1');
    expect(model.apiKeys.keys.value).toHaveLength(1);
    expect(model.retention.form.value.days).toBe('365');
  });

  it.each(['agent', 'lead'] as const)('asks the backend nothing for the role %s and says plainly why there are no settings', async (role) => {
    const asked = { listUsers: vi.fn(), listApiKeys: vi.fn(), getRetention: vi.fn(), getIntegrity: vi.fn() };
    const model = new SettingsModel(fakeAdminDeps({ getSession: async () => signedInAs(role), ...asked }));
    await model.load();
    for (const call of Object.values(asked)) expect(call).not.toHaveBeenCalled();
    expect(model.access.value).toEqual({ kind: 'not_admin', role });
    expect(model.reason.value).toContain(`You are signed in as a${role === 'agent' ? 'n' : ''} ${role}`);
    expect(model.reason.value).toContain('managed by its admins');
    expect(model.connection.value?.user.role).toBe(role);
  });

  it('tells someone signed out to sign in from the toolbar button', async () => {
    const model = new SettingsModel(fakeAdminDeps({ getSession: async () => ({ status: 'signed_out' }) }));
    expect(model.access.value.kind).toBe('loading');
    await model.load();
    expect(model.access.value.kind).toBe('signed_out');
    expect(model.reason.value).toMatch(/toolbar button/);
    expect(model.connection.value).toBeNull();
  });

  it('hides the admin settings as soon as the admin signs out here', async () => {
    const signOut = vi.fn(async (): Promise<SessionState> => ({ status: 'signed_out' }));
    const model = new SettingsModel(
      fakeAdminDeps({
        getSession: async () => signedInAs('admin'),
        signOut,
        listUsers: async () => ({ ok: true, value: { items: [], nextCursor: null } }),
        listApiKeys: async () => ({ ok: true, value: [] }),
        getRetention: async () => ({ ok: true, value: { days: 365, categoryDays: {} } }),
        getIntegrity: async () => ({ ok: true, value: integrityStatus() }),
      }),
    );
    await model.load();
    await model.signOut();
    expect(model.mayCheckIntegrity.value).toBe(false);
    expect(signOut).toHaveBeenCalledOnce();
    expect(model.access.value.kind).toBe('signed_out');
  });

  it('follows a sign-in made elsewhere (the popup) while the page is open', async () => {
    let sessionChanged = () => {};
    let state: SessionState = { status: 'signed_out' };
    const model = new SettingsModel(
      fakeAdminDeps({
        getSession: async () => state,
        watchSession: (onChange) => {
          sessionChanged = onChange;
          return () => (sessionChanged = () => {});
        },
      }),
    );
    const stop = model.follow();
    await model.load();
    expect(model.access.value.kind).toBe('signed_out');

    state = signedInAs('lead');
    sessionChanged();
    await vi.waitFor(() => expect(model.access.value).toEqual({ kind: 'not_admin', role: 'lead' }));
    stop();
  });
});
