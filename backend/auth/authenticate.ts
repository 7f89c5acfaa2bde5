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

interface AuthDeps {
  reader: Reader;
  lucia: AuthLucia;
}

/**
 * The API's caller, from `Authorization: Bearer …` only (a session token or an
 * API key), put on the context. The session cookie is never read here: a
 * browser attaches it to any page's request, including another site's form
 * posted at the API, so accepting it would let that page act as the user.
 * Anonymous requests get `null`; `principalOf` and `requires` turn that into 401.
 * A session past its idle timeout or absolute lifetime counts as none (lucia's
 * validateSession is AuthLucia's, which enforces both: see lucia.ts).
 */
export function bearerAuth(deps: AuthDeps): MiddlewareHandler<AppEnv> {
  // Every automation request looks its key up: built once, like the session lookup.
  const findKey = deps.reader
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.secretHash, sql.placeholder('secretHash')), isNull(apiKeys.revokedAt), isNull(apiKeys.deletedAt)))
    .prepare();
  return async (c, next) => {
    const token = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    let principal: Principal | null = null;
    if (token?.startsWith(API_KEY_PREFIX)) principal = keyPrincipal(await findKey.get({ secretHash: sha256(token) }));
    else if (token) principal = await sessionPrincipal(deps.lucia, token);
    c.set('principal', principal);
    await next();
  };
}

/**
 * The workspace's signed-in person, from the session cookie only (its pages
 * are for browsers, which its CSRF check guards). The cookie's name depends
 * on https (`__Host-` prefix): lucia knows which.
 */
export function cookieAuth(deps: AuthDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, deps.lucia.sessionCookieName);
    c.set('principal', token ? await sessionPrincipal(deps.lucia, token) : null);
    await next();
  };
}

function keyPrincipal(key: typeof apiKeys.$inferSelect | undefined): Principal | null {
  if (!key) return null;
  return {
    orgId: key.orgId,
    actor: { type: key.kind, id: key.id, name: key.name },
    user: null,
    apiKey: { id: key.id, kind: key.kind, name: key.name, scopes: key.scopes },
    sessionId: null,
  };
}

async function sessionPrincipal(lucia: AuthLucia, token: string): Promise<Principal | null> {
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
