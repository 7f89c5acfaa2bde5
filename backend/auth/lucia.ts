import { generateIdFromEntropySize, Lucia, type Session, TimeSpan, type User } from 'lucia';
import type { Role } from '../../shared/enums';
import type { Tx } from '../db/sql';
import type { AuthPolicy } from './policy';
import type { SessionAdapter } from './session-adapter';

export const SESSION_COOKIE = 'auditdesk_session';

/**
 * The session cookie's name. Over https it carries the `__Host-` prefix,
 * which browsers accept only with Secure, Path=/ and no Domain: no sibling
 * subdomain or plain-http page can set or shadow it.
 */
export function sessionCookieName(secureCookies: boolean): string {
  return secureCookies ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

/**
 * Lucia, with session expiry decided by the adapter (see session-adapter.ts):
 * lucia still makes the tokens (25 random bytes, 200 bits), ends sessions and
 * writes the cookies; `validateSession` and `createSession` go to the adapter,
 * which runs on the app's clock and enforces the idle and absolute limits
 * that lucia's own half-life sliding cannot.
 */
export class AuthLucia extends Lucia<Record<never, never>, SessionUser> {
  readonly #sessions: SessionAdapter;

  constructor(sessions: SessionAdapter, options: Pick<AuthPolicy, 'secureCookies' | 'sessionAbsoluteMs'>) {
    super(sessions, {
      // Only the cookie's Max-Age comes from this: the cookie lasts as long as
      // the longest a session can.
      sessionExpiresIn: new TimeSpan(options.sessionAbsoluteMs, 'ms'),
      sessionCookie: {
        name: sessionCookieName(options.secureCookies),
        // lucia adds HttpOnly and Path=/ and never a Domain.
        attributes: { secure: options.secureCookies, sameSite: 'lax' },
      },
      getUserAttributes: (user) => user,
    });
    this.#sessions = sessions;
  }

  override async validateSession(sessionId: string): Promise<{ user: User; session: Session } | { user: null; session: null }> {
    const found = await this.#sessions.validate(sessionId);
    if (!found) return { user: null, session: null };
    const { session, user } = found;
    return {
      session: { id: session.id, userId: session.userId, expiresAt: session.endsAt, fresh: false },
      user: { ...user.attributes, id: user.id },
    };
  }

  /** A new token at every sign-in; `expiresAt` is the absolute end, by the app's clock. */
  override async createSession(userId: string, _attributes: Record<never, never>, options?: { sessionId?: string }): Promise<Session> {
    const id = options?.sessionId ?? generateIdFromEntropySize(25);
    const expiresAt = await this.#sessions.startAlone(id, userId);
    return { id, userId, expiresAt, fresh: true };
  }

  /** createSession inside the caller's write transaction: the sign-in and its record commit together. */
  async createSessionIn(tx: Tx, userId: string): Promise<Session> {
    const id = generateIdFromEntropySize(25);
    const expiresAt = await this.#sessions.start(tx, id, userId);
    return { id, userId, expiresAt, fresh: true };
  }

  /** invalidateSession inside the caller's write transaction: the sign-out and its record commit together. */
  async invalidateSessionIn(tx: Tx, sessionId: string): Promise<void> {
    await this.#sessions.end(tx, sessionId);
  }

}

export function createLucia(adapter: SessionAdapter, options: Pick<AuthPolicy, 'secureCookies' | 'sessionAbsoluteMs'>): AuthLucia {
  return new AuthLucia(adapter, options);
}

/** The user columns the session lookup reads (see session-adapter.ts). */
export interface SessionUser {
  orgId: string;
  email: string;
  name: string;
  role: Role;
  disabledAt: Date | null;
  deletedAt: Date | null;
}

declare module 'lucia' {
  interface Register {
    // The base instantiation rather than AuthLucia: lucia infers the user's
    // attributes from it, and a subclass would make that inference circular.
    Lucia: Lucia<Record<never, never>, SessionUser>;
    DatabaseUserAttributes: SessionUser;
  }
}
