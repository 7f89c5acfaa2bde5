import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../http/app-env';
import { auditContext } from '../http/audit-context';
import type { AppDeps } from '../http/deps';
import { requestSource } from '../http/request-source';
import { validate } from '../http/validate';
import { principalOf } from './authenticate';
import { signIn } from './login';
import { signOut } from './logout';

const Login = v.strictObject({
  email: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(254)),
  password: v.pipe(v.string(), v.nonEmpty(), v.maxLength(1024)),
});

export function authRouter(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post('/login', validate('json', Login), async (c) => {
      const { email, password } = c.req.valid('json');
      const { session, user } = await signIn(deps, email, password, requestSource(c));
      return c.json({
        token: session.id,
        expiresAt: session.expiresAt.toISOString(),
        user: { id: user.id, email: user.email, name: user.name, role: user.role, orgId: user.orgId },
      });
    })
    .post('/logout', async (c) => {
      await signOut(deps, auditContext(c, deps), principalOf(c));
      return c.body(null, 204);
    })
    .get('/me', (c) => {
      const principal = principalOf(c);
      return c.json({
        user: principal.user,
        apiKey: principal.apiKey,
        actor: principal.actor,
        orgId: principal.orgId,
      });
    });
}
