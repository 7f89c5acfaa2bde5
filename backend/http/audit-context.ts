import type { Context } from 'hono';
import type { AuditContext } from '../audit/context';
import { principalOf } from '../auth/authenticate';
import type { AppEnv } from './app-env';
import type { AppDeps } from '../deps';
import { requestSource } from './request-source';

/** The audit context of the signed-in caller's request: their org, them as actor, the request as source. */
export function auditContext(c: Context<AppEnv>, deps: Pick<AppDeps, 'now' | 'newId'>): AuditContext {
  const principal = principalOf(c);
  return { orgId: principal.orgId, actor: principal.actor, source: requestSource(c), now: deps.now, newId: deps.newId };
}
