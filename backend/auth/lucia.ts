import { Lucia, TimeSpan } from 'lucia';
import type { Role } from '../../shared/enums';
import type { SessionAdapter } from './session-adapter';

export const SESSION_COOKIE = 'auditdesk_session';

export function createLucia(adapter: SessionAdapter, options: { secureCookies: boolean }) {
  return new Lucia(adapter, {
    sessionExpiresIn: new TimeSpan(12, 'h'),
    sessionCookie: {
      name: SESSION_COOKIE,
      attributes: { secure: options.secureCookies, sameSite: 'lax' },
    },
    getUserAttributes: (user) => user,
  });
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

export type AuthLucia = ReturnType<typeof createLucia>;

declare module 'lucia' {
  interface Register {
    Lucia: AuthLucia;
    DatabaseUserAttributes: SessionUser;
  }
}
