import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { subjectHistoryRouter } from './audit/router';
import { authenticate } from './auth/authenticate';
import { authRouter } from './auth/router';
import { companiesRouter } from './entities/companies/router';
import { conversationsRouter } from './entities/conversations/router';
import { customersRouter } from './entities/customers/router';
import { conversationMessagesRouter, messagesRouter } from './entities/messages/router';
import type { AppEnv } from './http/app-env';
import type { AppDeps } from './http/deps';
import { ApiError } from './http/errors';
import { limitBody, requireJsonBody } from './http/json-body';
import { onError } from './http/on-error';
import { healthRouter } from './health';

/** The whole HTTP surface, built from its parts. `index.ts` only serves it. */
export function createApp(deps: AppDeps) {
  const api = new Hono<AppEnv>()
    .use(limitBody, requireJsonBody, authenticate({ reader: deps.db.reader, lucia: deps.lucia }))
    .route('/health', healthRouter(deps))
    .route('/auth', authRouter(deps))
    .route('/customers', customersRouter(deps))
    .route('/customers', subjectHistoryRouter(deps, 'customer'))
    .route('/companies', companiesRouter(deps))
    .route('/conversations', conversationsRouter(deps))
    .route('/conversations', conversationMessagesRouter(deps))
    .route('/conversations', subjectHistoryRouter(deps, 'conversation'))
    .route('/messages', messagesRouter(deps));

  const app = new Hono<AppEnv>()
    .use(requestId())
    .route('/api/v1', api)
    .get('/', (c) => c.redirect('/workspace'));

  app.notFound(() => {
    throw ApiError.notFound('route');
  });
  app.onError(onError(deps.log));
  return app;
}

export type AppType = ReturnType<typeof createApp>;
