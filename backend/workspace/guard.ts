import { eq } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import type { Role } from '../../shared/enums';
import { can, type Permission } from '../auth/permissions';
import type { Db } from '../db/client';
import { organizations } from '../db/schema';
import type { AppEnv } from '../http/app-env';
import { ApiError } from '../errors';

export const LOGIN_PATH = '/workspace/login';

/** The signed-in person as every workspace page shows them. */
export interface Viewer {
  id: string;
  name: string;
  email: string;
  role: Role;
  orgId: string;
  orgName: string;
}

/**
 * Pages are for people: without a signed-in user (no cookie, or an expired
 * session) the browser is sent to the sign-in page, which
 * brings it back here afterwards. A role without `permission` gets 403.
 */
export function signedIn(permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    if (!principal?.user) return c.redirect(loginUrl(c));
    if (!can(principal, permission)) throw ApiError.forbidden();
    await next();
  };
}

/** The signed-in person and their workspace's name, or undefined for anonymous callers. */
export async function findViewer(c: Context<AppEnv>, reader: Db): Promise<Viewer | undefined> {
  const principal = c.get('principal');
  if (!principal?.user) return undefined;
  const [org] = await reader.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, principal.orgId));
  return { ...principal.user, orgId: principal.orgId, orgName: org?.name ?? 'Workspace' };
}

/** The viewer of a page behind `signedIn`. */
export async function viewerOf(c: Context<AppEnv>, reader: Db): Promise<Viewer> {
  const viewer = await findViewer(c, reader);
  if (!viewer) throw ApiError.unauthenticated();
  return viewer;
}

function loginUrl(c: Context<AppEnv>): string {
  if (c.req.method !== 'GET') return LOGIN_PATH;
  const url = new URL(c.req.url);
  return `${LOGIN_PATH}?next=${encodeURIComponent(url.pathname + url.search)}`;
}

/**
 * Where to go after signing in: only a workspace page of this site, so the
 * sign-in form can never be used to send someone elsewhere (an open redirect).
 */
export function safeNext(next: string | undefined): string {
  if (!next || !/^\/workspace(?:[/?][^\s\\]*)?$/.test(next) || next.startsWith(LOGIN_PATH)) return '/workspace';
  return next;
}
