import { describe, expect, it, vi } from 'vitest';
import type { Result, SessionState } from '../messaging/protocol';
import { type PopupDeps, PopupModel } from './popup-model';

const signedIn: SessionState = {
  status: 'signed_in',
  backendUrl: 'http://localhost:8787',
  expiresAt: '2030-01-01T00:00:00.000Z',
  user: { id: 'u1', email: 'lead@demo.test', name: 'Lee Park', role: 'lead', orgId: 'o1' },
};

function fakeDeps(overrides: Partial<PopupDeps> = {}): PopupDeps {
  return {
    getSession: async () => ({ status: 'signed_out' }),
    signIn: async () => ({ ok: true, value: signedIn }),
    signOut: async () => ({ status: 'signed_out' }),
    lastBackendUrl: async () => 'http://localhost:8787',
    requestHostPermission: async () => true,
    ...overrides,
  };
}

function fill(model: InstanceType<typeof PopupModel>, email: string, password: string) {
  model.email.value = email;
  model.password.value = password;
}

describe('the popup model', () => {
  it('offers the last backend URL when signed out', async () => {
    const model = new PopupModel(fakeDeps({ lastBackendUrl: async () => 'http://127.0.0.1:9000' }));
    expect(model.phase.value).toBe('loading');

    await model.load();

    expect(model.phase.value).toBe('signed_out');
    expect(model.backendUrl.value).toBe('http://127.0.0.1:9000');
  });

  it("goes from signing in to the backend's error message, then to signed in and back to signed out", async () => {
    let answer!: (result: Result<SessionState>) => void;
    const signIn = vi.fn(() => new Promise<Result<SessionState>>((resolve) => (answer = resolve)));
    const model = new PopupModel(fakeDeps({ signIn }));
    await model.load();

    fill(model, 'lead@demo.test', 'wrong');
    const first = model.signIn();
    expect(model.phase.value).toBe('signing_in');
    answer({ ok: false, error: { code: 'invalid_credentials', message: 'The email or password is not correct.' } });
    await first;
    expect(model.phase.value).toBe('signed_out');
    expect(model.error.value).toBe('The email or password is not correct.');

    fill(model, 'lead@demo.test', 'right');
    const second = model.signIn();
    expect(model.error.value).toBeNull();
    answer({ ok: true, value: signedIn });
    await second;
    expect(model.phase.value).toBe('signed_in');
    expect(model.user.value).toMatchObject({ name: 'Lee Park', role: 'lead' });
    expect(model.password.value).toBe('');
    expect(signIn).toHaveBeenLastCalledWith({ backendUrl: 'http://localhost:8787', email: 'lead@demo.test', password: 'right' });

    await model.signOut();
    expect(model.phase.value).toBe('signed_out');
    expect(model.user.value).toBeNull();
  });

  it('shows the rate limit message as the backend words it', async () => {
    const message = 'Too many sign-in attempts from your network. Wait a minute and try again.';
    const model = new PopupModel(fakeDeps({ signIn: async () => ({ ok: false, error: { code: 'rate_limited', message } }) }));
    await model.load();
    fill(model, 'agent@demo.test', 'x');

    await model.signIn();

    expect(model.error.value).toBe(message);
  });

  it('says which field is missing without asking the background', async () => {
    const signIn = vi.fn(fakeDeps().signIn);
    const model = new PopupModel(fakeDeps({ signIn }));
    await model.load();
    fill(model, '', 'secret');

    await model.signIn();

    expect(model.error.value).toBe('Email is required.');
    expect(signIn).not.toHaveBeenCalled();
  });

  it('asks for the host permission of a backend beyond this machine before signing in', async () => {
    const requestHostPermission = vi.fn(async () => false);
    const signIn = vi.fn(fakeDeps().signIn);
    const model = new PopupModel(fakeDeps({ requestHostPermission, signIn }));
    await model.load();
    model.backendUrl.value = 'https://audit.acme.test:8443/';
    fill(model, 'agent@demo.test', 'secret');

    await model.signIn();

    expect(requestHostPermission).toHaveBeenCalledWith('https://audit.acme.test/*');
    expect(signIn).not.toHaveBeenCalled();
    expect(model.error.value).toBe('Auditdesk needs your permission to reach https://audit.acme.test:8443.');
  });

  it('opens signed in when the background already has a session', async () => {
    const model = new PopupModel(fakeDeps({ getSession: async () => signedIn }));
    await model.load();

    expect(model.phase.value).toBe('signed_in');
    expect(model.user.value?.email).toBe('lead@demo.test');
  });

  it('says the session could not be checked when the backend was offline as the popup opened', async () => {
    const model = new PopupModel(fakeDeps({ getSession: async () => ({ ...signedIn, offline: true }) }));
    await model.load();

    expect(model.phase.value).toBe('signed_in');
    expect(model.unconfirmedAt.value).toBe('http://localhost:8787');
  });
});
