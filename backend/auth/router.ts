import { Hono, type MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import { SafeString } from '../../shared/schemas/safe-string';
import type { AppEnv } from '../http/app-env';
import { auditContext } from '../http/audit-context';
import type { AppDeps } from '../deps';
import { requestSource } from '../http/request-source';
import { validate } from '../http/validate';
import { principalOf } from './authenticate';
import { changePassword } from './change-password';
import { loginRateLimit } from './ip-rate-limit';
import { organizationName } from './organization-name';
import { signIn } from './login';
import { signOut } from './logout';
import { PASSWORD_INPUT_MAX } from './password-policy';

const Login = v.strictObject({
  email: v.pipe(SafeString, v.trim(), v.nonEmpty(), v.maxLength(254)),
  password: v.pipe(SafeString, v.nonEmpty(), v.maxLength(PASSWORD_INPUT_MAX)),
});

// Only a cap on input size here: the password rules and their messages are
// checkPasswordPolicy's (a 400 with the rule that failed).
const ChangePassword = v.strictObject({
  currentPassword: v.pipe(SafeString, v.nonEmpty(), v.maxLength(PASSWORD_INPUT_MAX)),
  newPassword: v.pipe(SafeString, v.maxLength(PASSWORD_INPUT_MAX)),
});

/** 401 for anonymous callers, before the body is looked at (so not a 400). */
const signedIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  principalOf(c);
  await next();
};

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
    // A current password is a password guess: it shares the sign-in's per-IP budget.
    .post('/password', signedIn, loginRateLimit(deps), validate('json', ChangePassword), async (c) => {
      const { currentPassword, newPassword } = c.req.valid('json');
      const { revokedSessions } = await changePassword(deps, auditContext(c, deps), principalOf(c), currentPassword, newPassword);
      return c.json({ ok: true, revokedSessions });
    })
    .post('/logout', async (c) => {
      await signOut(deps, auditContext(c, deps), principalOf(c));
      return c.body(null, 204);
    })
    .get('/me', async (c) => {
      const principal = principalOf(c);
      return c.json({
        user: principal.user,
        apiKey: principal.apiKey,
        actor: principal.actor,
        orgId: principal.orgId,
        orgName: await organizationName(deps.db.reader, principal.orgId),
      });
    });
}
