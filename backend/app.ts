import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { wellKnownSigningKeyRouter } from './audit/checkpoints/signing-key-router';
import { auditRouter } from './audit/router';
import { retentionRouter } from './audit/retention/router';
import { apiKeysRouter } from './auth/api-keys-router';
import { bearerAuth } from './auth/authenticate';
import { recordAccessDenied } from './auth/access-denied';
import { callerRateLimit } from './auth/caller-rate-limit';
import { authRouter } from './auth/router';
import { usersRouter } from './auth/users-router';
import { loginRateLimit } from './auth/ip-rate-limit';
import { billingRouter } from './entities/billing/router';
import { businessRulesRouter } from './entities/business-rules/router';
import { companiesRouter } from './entities/companies/router';
import { conversationsRouter } from './entities/conversations/router';
import { customersRouter } from './entities/customers/router';
import { messagesRouter } from './entities/messages/router';
import { routingRouter } from './entities/routing/router';
import { surveysRouter } from './entities/satisfaction/router';
import { savedSearchesRouter } from './entities/saved-searches/router';
import { savedViewsRouter } from './entities/saved-views/router';
import { shortcutsRouter } from './entities/shortcuts/router';
import { teamPulseRouter } from './entities/team-pulse/router';
import { voiceRecordingsRouter } from './entities/voice/router';
import { watchesRouter } from './entities/watches/router';
import { workflowsRouter } from './entities/workflows/router';
import { eventsRouter } from './integration/events-router';
import { streamDestinationsRouter } from './integration/streams/router';
import type { AppEnv } from './http/app-env';
import type { AppDeps } from './deps';
import { ApiError } from './errors';
import { limitBody, requireJsonBody } from './http/json-body';
import { apiCors } from './http/cors';
import { onError } from './http/on-error';
import { securityHeaders } from './http/security-headers';
import { tamperRefusedReporter } from './http/tamper-refused';
import { healthRouter } from './health';
import { notificationsRouter } from './notifications/router';
import { workspaceRouter } from './workspace/router';

/** The whole HTTP surface, built from its parts. `index.ts` only serves it. */
export function createApp(deps: AppDeps) {
  const api = new Hono<AppEnv>()
    .use(limitBody, requireJsonBody, bearerAuth({ reader: deps.db.reader, lucia: deps.lucia }))
    .use(callerRateLimit(deps), recordAccessDenied(deps))
    .route('/health', healthRouter(deps))
    .use('/auth/login', loginRateLimit(deps))
    .route('/auth', authRouter(deps))
    .route('/users', usersRouter(deps))
    .route('/api-keys', apiKeysRouter(deps))
    .route('/customers', customersRouter(deps))
    .route('/audit', auditRouter(deps))
    .route('/settings', retentionRouter(deps))
    .route('/companies', companiesRouter(deps))
    .route('/conversations', conversationsRouter(deps))
    .route('/messages', messagesRouter(deps))
    .route('/business-rules', businessRulesRouter(deps))
    .route('/workflows', workflowsRouter(deps))
    .route('/shortcuts', shortcutsRouter(deps))
    .route('/saved-searches', savedSearchesRouter(deps))
    .route('/views', savedViewsRouter(deps))
    .route('/watches', watchesRouter(deps))
    .route('/billing', billingRouter(deps))
    .route('/routing', routingRouter(deps))
    .route('/team-pulse', teamPulseRouter(deps))
    .route('/surveys', surveysRouter(deps))
    .route('/voice-recordings', voiceRecordingsRouter(deps))
    .route('/notifications', notificationsRouter(deps))
    .route('/events', eventsRouter(deps))
    .route('/stream-destinations', streamDestinationsRouter(deps));

  const app = new Hono<AppEnv>()
    .use(requestId(), securityHeaders({ https: deps.policy.secureCookies }))
    .use('/api/v1/*', apiCors(deps.policy.corsOrigins))
    .route('/api/v1', api)
    .route('/workspace', workspaceRouter(deps))
    .route('/.well-known', wellKnownSigningKeyRouter(deps))
    .get('/', (c) => c.redirect('/workspace'));

  app.notFound(() => {
    throw ApiError.notFound('route');
  });
  app.onError(onError(deps.log, tamperRefusedReporter(deps)));
  return app;
}
