import type { Context } from 'hono';
import { routePath } from 'hono/route';
import { recordTamperRefused } from '../audit/tamper';
import type { AppDeps } from '../deps';
import type { AppEnv } from './app-env';
import { auditContext } from './audit-context';

/** Reports one refused change of the audit log, made while answering `c`. */
export type TamperRefusedReporter = (c: Context<AppEnv>, refusal: string) => Promise<void>;

/**
 * Files a change the append-only triggers refused during a request under
 * the caller who made it, in the caller's workspace, like a refused
 * permission. A request nobody is signed in to has no workspace to record
 * it in: the write queue's log of the refusal is all there is.
 */
export function tamperRefusedReporter(deps: Pick<AppDeps, 'writes' | 'log' | 'now' | 'newId'>): TamperRefusedReporter {
  return async (c, refusal) => {
    const principal = c.get('principal');
    if (!principal) return;
    const where = { method: c.req.method, route: routePath(c, -1) };
    const subject = principal.user
      ? { type: 'user' as const, id: principal.user.id, label: principal.user.name }
      : // An automation's actor is its API key (backend/auth/authenticate.ts).
        { type: 'api_key' as const, id: principal.actor.id ?? '', label: principal.actor.name };
    await recordTamperRefused(deps, auditContext(c, deps), { refusal, subject, ...where });
  };
}
