import { ApiClient, ApiClientError } from '../../../shared/api-client';
import { fail, failureOf, ok } from '../messaging/result';
import type { Result, SessionState } from '../messaging/protocol';
import { needsHostPermission, normalizeBackendUrl, originPatternOf } from './host-permission';
import { authSession, lastBackendUrl, type StoredSession } from './session-items';

export interface SessionDeps {
  /** Injected in tests; the worker's fetch otherwise. */
  fetch?: typeof fetch;
  now?: () => number;
  /** Whether the extension may reach this origin pattern (permissions.contains). */
  hostPermissionGranted(originPattern: string): Promise<boolean>;
}

export interface SignInInput {
  backendUrl: string;
  email: string;
  password: string;
}

export type SessionService = ReturnType<typeof createSessionService>;

const SIGNED_OUT: SessionState = { status: 'signed_out' };

/**
 * The background's session: sign in and out, and every backend call made on
 * the user's behalf. A 401 from any call means the backend no longer knows
 * the session (expired, revoked, signed out elsewhere), so it is dropped and
 * every surface shows the signed-out state.
 */
export function createSessionService(deps: SessionDeps) {
  const now = deps.now ?? Date.now;
  const clientFor = (backendUrl: string, token?: string) => new ApiClient({ baseUrl: backendUrl, token, fetch: deps.fetch });

  /** The stored session unless it has expired (an expired one is cleared). */
  async function current(): Promise<StoredSession | null> {
    const stored = await authSession.getValue();
    if (stored && Date.parse(stored.expiresAt) <= now()) {
      await authSession.removeValue();
      return null;
    }
    return stored;
  }

  /** What the popup and panel show: signed out, or who is signed in where. */
  async function state(): Promise<SessionState> {
    const session = await current();
    return session ? stateOf(session) : SIGNED_OUT;
  }

  /** Keeps the stored user as the backend now describes it: an admin may have changed their role or name since sign-in. */
  async function refreshUser(now: Omit<StoredSession['user'], 'orgId'>): Promise<void> {
    const session = await current();
    if (!session || session.user.id !== now.id) return;
    const { email, name, role } = now;
    if (session.user.email === email && session.user.name === name && session.user.role === role) return;
    await authSession.setValue({ ...session, user: { ...session.user, email, name, role } });
  }

  /** Runs a backend call with the session's client; answers `unauthenticated` when signed out, and signs out on a 401. */
  async function call<T>(work: (client: ApiClient) => Promise<T>): Promise<Result<T>> {
    const session = await current();
    if (!session) return fail('unauthenticated', 'Sign in to Auditdesk from its toolbar button to see the history.');
    try {
      return ok(await work(clientFor(session.backendUrl, session.token)));
    } catch (error) {
      if (error instanceof ApiClientError && error.unauthenticated) await dropIfStill(session);
      return failureOf(error);
    }
  }

  return {
    current,
    state,
    call,

    /**
     * The session as the backend sees it now (GET /auth/me), asked as the
     * popup opens: one revoked on the server (signed out elsewhere, a new
     * password, expired there) is dropped on its 401. One the backend could
     * not be reached to confirm is kept and marked `offline`; any other
     * failure keeps it too, and the next call decides.
     */
    async confirm(): Promise<SessionState> {
      const checked = await call((client) => client.me());
      if (checked.ok && checked.value.user) await refreshUser(checked.value.user);
      const confirmed = await state();
      if (checked.ok || checked.error.code !== 'offline' || confirmed.status !== 'signed_in') return confirmed;
      return { ...confirmed, offline: true };
    },

    async signIn(input: SignInInput): Promise<Result<SessionState>> {
      const { protocol } = new URL(input.backendUrl);
      if (protocol !== 'http:' && protocol !== 'https:') {
        return fail('invalid_request', 'The backend URL must start with http:// or https://.');
      }
      const backendUrl = normalizeBackendUrl(input.backendUrl);
      if (needsHostPermission(backendUrl) && !(await deps.hostPermissionGranted(originPatternOf(backendUrl)))) {
        return fail('host_permission_required', `Allow Auditdesk to reach ${new URL(backendUrl).origin} to sign in there.`);
      }
      try {
        const login = await clientFor(backendUrl).login(input.email, input.password);
        const session: StoredSession = { token: login.token, backendUrl, user: login.user, expiresAt: login.expiresAt };
        await authSession.setValue(session);
        await lastBackendUrl.setValue(backendUrl);
        return ok(stateOf(session));
      } catch (error) {
        return failureOf(error);
      }
    },

    /** Ends the session on the backend (best effort: the local session goes whatever it answers). */
    async signOut(): Promise<SessionState> {
      const session = await authSession.getValue();
      await authSession.removeValue();
      if (session) await clientFor(session.backendUrl, session.token).logout().catch(() => undefined);
      return SIGNED_OUT;
    },

    /** Drops the session after a 401 seen elsewhere (the live stream), unless a newer one replaced it meanwhile. */
    dropIfStill,
  };
}

async function dropIfStill(session: StoredSession): Promise<void> {
  const stored = await authSession.getValue();
  if (stored?.token === session.token) await authSession.removeValue();
}

function stateOf(session: StoredSession): SessionState {
  return { status: 'signed_in', backendUrl: session.backendUrl, user: session.user, expiresAt: session.expiresAt };
}
