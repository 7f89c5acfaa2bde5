/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { cookieAuth } from '../auth/authenticate';
import type { AppEnv } from '../http/app-env';
import type { AppDeps } from '../deps';
import { limitBody } from '../http/json-body';
import { workspaceContentSecurityPolicy } from './content-security-policy';
import { conversationRoutes } from './conversation-routes';
import { customerRoutes } from './customer-routes';

import { ErrorPage } from './error-page';
import { workspaceErrors } from './errors';
import { findViewer, signedIn } from './guard';
import { homeRoutes } from './home-routes';
import { render } from './render';
import { sessionRoutes } from './session-routes';

/**
 * The demo agent workspace, server-rendered HTML mounted at `/workspace`.
 * Its forms post with the session cookie, so every POST must come from this
 * site: `csrf()` refuses unsafe requests whose Origin (or Sec-Fetch-Site)
 * is not this origin. That is stateless (no token to store or to scrape in
 * tests), covers the sign-in form too, and backs up the cookie's
 * SameSite=Lax, which does not stop sibling subdomains.
 */
export function workspaceRouter(deps: AppDeps) {
  const { reader } = deps.db;
  const router = new Hono<AppEnv>()
    .use(workspaceContentSecurityPolicy, limitBody, csrf(), cookieAuth({ reader, lucia: deps.lucia }))
    .route('/', sessionRoutes(deps))
    .route('/', homeRoutes(deps))
    .route('/customers', customerRoutes(deps))
    .route('/conversations', conversationRoutes(deps))
    .all('*', signedIn('support:read'), async (c) => render(c, <ErrorPage status={404} viewer={await findViewer(c, reader)} />, 404));
  router.onError(workspaceErrors(deps));
  return router;
}
