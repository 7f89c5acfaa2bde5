import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../http/errors';
import type { AppEnv } from '../http/app-env';
import { principalOf } from './authenticate';
import { can, type Permission } from './permissions';

/** 401 for anonymous callers, 403 for callers whose role lacks `permission`. */
export function requires(permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!can(principalOf(c), permission)) throw ApiError.forbidden();
    await next();
  };
}
