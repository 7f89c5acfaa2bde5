import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from '../http/app-env';
import { auditContext } from '../http/audit-context';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { recordRefusal } from './access-denied-windows';
import { principalOf } from './authenticate';
import { missingScope, type Permission } from './permissions';

/** Records one refused request of the signed-in caller. */
type AccessDeniedRecorder = (c: Context<AppEnv>, permission: Permission) => Promise<void>;

declare module 'hono' {
  interface ContextVariableMap {
    /** Put on every API request by `recordAccessDenied`, so `requires()` needs no deps of its own. */
    recordAccessDenied?: AccessDeniedRecorder;
  }
}

/**
 * Mounted in backend/app.ts after `authenticate`: gives the request a way to
 * record an `access_denied` row (category authorization, section user_login),
 * which `accessDenied()` uses for every 403 of a role. Attempts to reach
 * another role's data are what the log is for ("this helps identify
 * suspicious activity"). Repeats of the same refusal within a window are
 * counted and summarized in one row (access-denied-windows.ts), so a loop of
 * forbidden calls cannot flood the log.
 */
export function recordAccessDenied(deps: Pick<AppDeps, 'writes' | 'now' | 'newId'>): MiddlewareHandler<AppEnv> {
  const record: AccessDeniedRecorder = async (c, permission) => {
    const principal = principalOf(c);
    const subject = principal.user
      ? { type: 'user' as const, id: principal.user.id, label: principal.user.name }
      : // An automation's actor is its API key (backend/auth/authenticate.ts).
        { type: 'api_key' as const, id: principal.actor.id ?? '', label: principal.actor.name };
    const refusal = {
      subject,
      method: c.req.method,
      // The endpoint's pattern (the last matched route), not that of a `.use()` guard in front of it.
      route: routePath(c, -1),
      permission,
    };
    await deps.writes.run((tx) => recordRefusal(tx, auditContext(c, deps), refusal));
  };
  return async (c, next) => {
    c.set('recordAccessDenied', record);
    await next();
  };
}

/**
 * Records that the caller's role lacks `permission` and returns the 403 to
 * throw. Anonymous callers get 401 instead (nothing to attribute the attempt
 * to). An API key refused only for want of a scope is told which scope, so
 * its admin knows what to grant. Fails loudly when the recorder is not
 * mounted: a refusal that leaves no trace is a bug, not a default.
 */
export async function accessDenied(c: Context<AppEnv>, permission: Permission, message?: string): Promise<ApiError> {
  const scope = missingScope(principalOf(c), permission); // principalOf: 401 for anonymous callers
  const record = c.get('recordAccessDenied');
  if (!record) throw new Error('recordAccessDenied() is not mounted in front of this route');
  await record(c, permission);
  return ApiError.forbidden(scope ? `This API key lacks the scope ${scope}.` : message);
}
