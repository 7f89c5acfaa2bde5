import { describe, expect, it, vi } from 'vitest';
import type { SessionState } from '../messaging/protocol';
import { SettingsModel } from './settings-model';
import { adminUser, apiKey, fakeAdminDeps, inboundWebhook, integrityStatus, streamDestination } from './testing';

function signedInAs(role: 'agent' | 'lead' | 'admin'): SessionState {
  return {
    status: 'signed_in',
    backendUrl: 'http://127.0.0.1:8787',
    expiresAt: '2030-01-01T00:00:00.000Z',
    user: { id: '01JD00000000000000000000A1', email: `${role}@demo.test`, name: 'Someone', role, orgId: 'o1' },
  };
}

describe('the Settings section', () => {
  it('loads retention, users, API keys, the log integrity, the stream destinations and the helpdesk webhooks for an admin', async () => {
    const model = new SettingsModel(
      fakeAdminDeps({
        getSession: async () => signedInAs('admin'),
        listUsers: async () => ({ ok: true, value: { items: [adminUser()], nextCursor: null } }),
        listApiKeys: async () => ({ ok: true, value: [apiKey()] }),
        getRetention: async () => ({ ok: true, value: { days: 365, categoryDays: {} } }),
        getIntegrity: async () => ({ ok: true, value: integrityStatus() }),
        listStreamDestinations: async () => ({ ok: true, value: [streamDestination()] }),
        listInboundWebhooks: async () => ({ ok: true, value: [inboundWebhook()] }),
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
    expect(model.mayManageIntegrations.value).toBe(true);
    expect(model.streams.destinations.value).toEqual([streamDestination()]);
    expect(model.inboundWebhooks.webhooks.value).toEqual([inboundWebhook()]);
  });

  it.each(['agent', 'lead'] as const)('asks the backend nothing for the role %s and says plainly why there are no settings', async (role) => {
    const asked = {
      listUsers: vi.fn(),
      listApiKeys: vi.fn(),
      getRetention: vi.fn(),
      getIntegrity: vi.fn(),
      listStreamDestinations: vi.fn(),
      listInboundWebhooks: vi.fn(),
    };
    const model = new SettingsModel(fakeAdminDeps({ getSession: async () => signedInAs(role), ...asked }));
    await model.load();
    for (const call of Object.values(asked)) expect(call).not.toHaveBeenCalled();
    expect(model.access.value).toEqual({ kind: 'not_admin', role });
    expect(model.reason.value).toContain(`You are signed in as a${role === 'agent' ? 'n' : ''} ${role}`);
    expect(model.reason.value).toContain('log streaming and helpdesk webhooks are managed by its admins');
    expect(model.mayManageIntegrations.value).toBe(false);
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

  it('forgets a stream or helpdesk webhook secret still shown when the page next finds no admin signed in', async () => {
    let session: SessionState = signedInAs('admin');
    const model = new SettingsModel(
      fakeAdminDeps({
        getSession: async () => session,
        listUsers: async () => ({ ok: true, value: { items: [], nextCursor: null } }),
        listApiKeys: async () => ({ ok: true, value: [] }),
        getRetention: async () => ({ ok: true, value: { days: 365, categoryDays: {} } }),
        getIntegrity: async () => ({ ok: true, value: integrityStatus() }),
        listStreamDestinations: async () => ({ ok: true, value: [] }),
        listInboundWebhooks: async () => ({ ok: true, value: [] }),
        rotateStreamDestinationSecret: async () => ({ ok: true, value: { ...streamDestination(), secret: 'whsec_shown' } }),
        createInboundWebhook: async () => ({ ok: true, value: { ...inboundWebhook(), secret: 'hd_shown' } }),
      }),
    );
    await model.load();
    model.streams.ask(streamDestination().id, 'rotate');
    await model.streams.confirm();
    model.inboundWebhooks.name.value = 'Kustomer';
    model.inboundWebhooks.source.value = 'kustomer';
    await model.inboundWebhooks.create();
    expect([model.streams.revealed.value?.secret, model.inboundWebhooks.revealed.value?.secret]).toEqual(['whsec_shown', 'hd_shown']);

    session = signedInAs('lead');
    await model.load();

    expect([model.streams.revealed.value, model.inboundWebhooks.revealed.value]).toEqual([null, null]);
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
