import { Lucia, TimeSpan } from 'lucia';
import type { users } from '../db/schema';
import type { SessionAdapter } from './session-adapter';

export const SESSION_COOKIE = 'auditdesk_session';

export function createLucia(adapter: SessionAdapter, options: { secureCookies: boolean }) {
  return new Lucia(adapter, {
    sessionExpiresIn: new TimeSpan(12, 'h'),
    sessionCookie: {
      name: SESSION_COOKIE,
      attributes: { secure: options.secureCookies, sameSite: 'lax' },
    },
    getUserAttributes: (user) => ({ orgId: user.orgId, email: user.email, name: user.name, role: user.role }),
  });
}

export type AuthLucia = ReturnType<typeof createLucia>;

declare module 'lucia' {
  interface Register {
    Lucia: AuthLucia;
    DatabaseUserAttributes: typeof users.$inferSelect;
  }
}
