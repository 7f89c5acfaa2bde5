import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env';
import { accessDenied } from './access-denied';
import { principalOf } from './authenticate';
import { can, type Permission } from './permissions';

/**
 * 401 for anonymous callers, 403 for callers whose role (or API key's
 * scopes) lacks `permission`; every 403 is recorded as an `access_denied`
 * row (see access-denied.ts).
 */
export function requires(permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!can(principalOf(c), permission)) throw await accessDenied(c, permission);
    await next();
  };
}
