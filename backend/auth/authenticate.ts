import { and, eq, isNull, sql } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Reader } from '../db/sql';
import { apiKeys } from '../db/schema';
import { ApiError } from '../errors';
import type { AppEnv } from '../http/app-env';
import type { AuthLucia } from './lucia';
import type { Principal } from './principal';
import { API_KEY_PREFIX, sha256 } from './tokens';

/**
 * Works out who is calling from `Authorization: Bearer …` (a session token or
 * an API key) or the workspace's session cookie, and puts the principal on the
 * context. Anonymous requests get `null`; `principalOf` and `requires` turn
 * that into 401.
 * A session past its idle timeout or absolute lifetime counts as none (lucia's
 * validateSession is AuthLucia's, which enforces both: see lucia.ts).
 */
export function authenticate(deps: { reader: Reader; lucia: AuthLucia }): MiddlewareHandler<AppEnv> {
  // Every automation request looks its key up: built once, like the session lookup.
  const findKey = deps.reader
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.secretHash, sql.placeholder('secretHash')), isNull(apiKeys.revokedAt), isNull(apiKeys.deletedAt)))
    .prepare();
  const lookup: KeyLookup = async (secretHash) => findKey.get({ secretHash });
  return async (c, next) => {
    const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    // The cookie's name depends on https (`__Host-` prefix): lucia knows which.
    const token = bearer ?? getCookie(c, deps.lucia.sessionCookieName);
    c.set('principal', token ? await principalFor(deps.lucia, lookup, token) : null);
    await next();
  };
}

type KeyLookup = (secretHash: string) => Promise<typeof apiKeys.$inferSelect | undefined>;

async function principalFor(lucia: AuthLucia, findKey: KeyLookup, token: string): Promise<Principal | null> {
  if (token.startsWith(API_KEY_PREFIX)) {
    const key = await findKey(sha256(token));
    if (!key) return null;
    return {
      orgId: key.orgId,
      actor: { type: key.kind, id: key.id, name: key.name },
      user: null,
      apiKey: { id: key.id, kind: key.kind, name: key.name },
      sessionId: null,
    };
  }
  const { session, user } = await lucia.validateSession(token);
  // A disabled or removed account's sessions stop working at once.
  if (!session || !user || user.disabledAt || user.deletedAt) return null;
  const { orgId, email, name, role } = user;
  return {
    orgId,
    actor: { type: 'user', id: user.id, name },
    user: { id: user.id, email, name, role },
    apiKey: null,
    sessionId: session.id,
  };
}

/** The caller's principal; 401 when nobody is signed in. */
export function principalOf(c: { get(key: 'principal'): Principal | null }): Principal {
  const principal = c.get('principal');
  if (!principal) throw ApiError.unauthenticated();
  return principal;
}
