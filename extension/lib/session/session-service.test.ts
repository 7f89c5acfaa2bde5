import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { apiError, fakeBackend, json } from '../testing/fake-backend';
import { authSession, lastBackendUrl } from './session-items';
import { createSessionService } from './session-service';

const user = { id: 'u1', email: 'lead@demo.test', name: 'Lee Park', role: 'lead', orgId: 'o1' };
const login = () => json(200, { token: 'tok', expiresAt: '2099-01-01T00:00:00.000Z', user });

describe('the session', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps the token in storage.session and remembers the backend URL in storage.local', async () => {
    const backend = fakeBackend({ 'POST /auth/login': login });
    const session = createSessionService({ fetch: backend.fetch, hostPermissionGranted: async () => false });

    const result = await session.signIn({ backendUrl: 'http://127.0.0.1:9000/', email: 'lead@demo.test', password: 'pw' });

    expect(result).toEqual({ ok: true, value: { status: 'signed_in', backendUrl: 'http://127.0.0.1:9000', user, expiresAt: '2099-01-01T00:00:00.000Z' } });
    expect(await fakeBrowser.storage.session.get('auth')).toEqual({ auth: expect.objectContaining({ token: 'tok' }) });
    expect(await fakeBrowser.storage.local.get('auth')).toEqual({});
    expect(await lastBackendUrl.getValue()).toBe('http://127.0.0.1:9000');
  });

  it("answers a failed sign-in with the backend's message and stores nothing", async () => {
    const backend = fakeBackend({ 'POST /auth/login': () => apiError(401, 'invalid_credentials', 'The email or password is not correct.') });
    const session = createSessionService({ fetch: backend.fetch, hostPermissionGranted: async () => false });

    const result = await session.signIn({ backendUrl: 'http://localhost:8787', email: 'lead@demo.test', password: 'no' });

    expect(result).toEqual({ ok: false, error: { code: 'invalid_credentials', message: 'The email or password is not correct.' } });
    expect(await authSession.getValue()).toBeNull();
  });

  it('signs out everywhere when the backend answers 401', async () => {
    const backend = fakeBackend({
      'POST /auth/login': login,
      'GET /customers/K1': () => apiError(401, 'unauthenticated', 'Sign in first.'),
    });
    const session = createSessionService({ fetch: backend.fetch, hostPermissionGranted: async () => false });
    await session.signIn({ backendUrl: 'http://localhost:8787', email: 'lead@demo.test', password: 'pw' });

    const result = await session.call((client) => client.customer('K1'));

    expect(result).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await authSession.getValue()).toBeNull();
    expect(await session.state()).toEqual({ status: 'signed_out' });
  });

  it('keeps the session through other failures', async () => {
    const backend = fakeBackend({ 'POST /auth/login': login, 'GET /customers/K1': () => apiError(403, 'forbidden', 'Your role cannot.') });
    const session = createSessionService({ fetch: backend.fetch, hostPermissionGranted: async () => false });
    await session.signIn({ backendUrl: 'http://localhost:8787', email: 'lead@demo.test', password: 'pw' });

    await session.call((client) => client.customer('K1'));

    expect(await authSession.getValue()).not.toBeNull();
  });

  it('ends the session on the backend, then forgets it', async () => {
    const backend = fakeBackend({ 'POST /auth/login': login, 'POST /auth/logout': () => new Response(null, { status: 204 }) });
    const session = createSessionService({ fetch: backend.fetch, hostPermissionGranted: async () => false });
    await session.signIn({ backendUrl: 'http://localhost:8787', email: 'lead@demo.test', password: 'pw' });

    expect(await session.signOut()).toEqual({ status: 'signed_out' });

    expect(backend.calls.at(-1)).toMatchObject({ method: 'POST', path: '/auth/logout' });
    expect(backend.calls.at(-1)?.headers.get('authorization')).toBe('Bearer tok');
    expect(await authSession.getValue()).toBeNull();
  });

  it('treats an expired session as signed out', async () => {
    const backend = fakeBackend({ 'POST /auth/login': login });
    const session = createSessionService({ fetch: backend.fetch, hostPermissionGranted: async () => false, now: () => Date.parse('2100-01-01') });
    await session.signIn({ backendUrl: 'http://localhost:8787', email: 'lead@demo.test', password: 'pw' });

    expect(await session.state()).toEqual({ status: 'signed_out' });
    expect(await authSession.getValue()).toBeNull();
  });

  it('will not sign in to a backend beyond this machine without its host permission', async () => {
    const backend = fakeBackend({ 'POST /auth/login': login });
    const hostPermissionGranted = vi.fn(async () => false);
    const session = createSessionService({ fetch: backend.fetch, hostPermissionGranted });

    const result = await session.signIn({ backendUrl: 'https://audit.acme.test', email: 'lead@demo.test', password: 'pw' });

    expect(hostPermissionGranted).toHaveBeenCalledWith('https://audit.acme.test/*');
    expect(result).toMatchObject({ ok: false, error: { code: 'host_permission_required' } });
    expect(backend.calls).toEqual([]);
  });

  it('reports an unreachable backend as offline', async () => {
    const fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof globalThis.fetch;
    const session = createSessionService({ fetch, hostPermissionGranted: async () => false });

    const result = await session.signIn({ backendUrl: 'http://localhost:1', email: 'lead@demo.test', password: 'pw' });

    expect(result).toMatchObject({ ok: false, error: { code: 'offline' } });
  });
});
