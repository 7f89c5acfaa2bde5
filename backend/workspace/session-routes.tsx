/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { INVALID_CREDENTIALS, signIn } from '../auth/login';
import { loginRateLimit } from '../auth/ip-rate-limit';
import { signOut } from '../auth/logout';
import { PASSWORD_INPUT_MAX } from '../auth/password-policy';
import { auditContext } from '../http/audit-context';
import type { AppEnv } from '../http/app-env';
import type { AppDeps } from '../deps';
import { requestSource } from '../http/request-source';

import { readForm } from './form-data';
import { LOGIN_PATH, safeNext } from './guard';
import { LoginPage } from './login-page';
import { render } from './render';

/**
 * Signing in and out of the workspace, through the same functions as the
 * API (so both are audited alike); the session travels in lucia's cookie.
 */
export function sessionRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/login', (c) => {
      const next = c.req.query('next') ?? '';
      if (c.get('principal')?.user) return c.redirect(safeNext(next));
      return render(c, <LoginPage next={next} />);
    })
    .post('/login', loginRateLimit(deps, (c, message) => render(c, <LoginPage error={message} />, 429)), async (c) => {
      const form = await readForm(c);
      const email = form.text('email').trim();
      const password = form.text('password');
      const next = form.text('next');
      // Overlong input gets the same answer as a wrong password (the API's limits).
      if (email === '' || password === '' || email.length > 254 || password.length > PASSWORD_INPUT_MAX) {
        return render(c, <LoginPage email={email} next={next} error={INVALID_CREDENTIALS.message} />, 401);
      }
      try {
        const { session } = await signIn(deps, email, password, requestSource(c));
        c.header('Set-Cookie', deps.lucia.createSessionCookie(session.id).serialize(), { append: true });
        return c.redirect(safeNext(next), 303);
      } catch (error) {
        if (error !== INVALID_CREDENTIALS) throw error;
        return render(c, <LoginPage email={email} next={next} error={INVALID_CREDENTIALS.message} />, 401);
      }
    })
    .post('/logout', async (c) => {
      await readForm(c); // only a form post may sign someone out (see readForm)
      const principal = c.get('principal');
      if (principal) await signOut(deps, auditContext(c, deps), principal);
      c.header('Set-Cookie', deps.lucia.createBlankSessionCookie().serialize(), { append: true });
      return c.redirect(LOGIN_PATH, 303);
    });
}
