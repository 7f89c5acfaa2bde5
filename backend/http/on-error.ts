import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './app-env';
import { appendOnlyRefusalOf } from '../audit/tamper';
import { ApiError } from '../errors';
import type { Logger } from '../logger';
import type { TamperRefusedReporter } from './tamper-refused';

/**
 * The one place errors become responses. Expected failures keep their code;
 * Hono's own (malformed JSON) become 400; anything else is logged with the
 * request id and answered 500 without a stack or SQL. A change of the audit
 * log refused by its append-only triggers is also reported (recorded in the
 * caller's workspace) before the 500: nothing the request wrote was kept.
 */
export function onError(log: Logger, reportTamperRefused?: TamperRefusedReporter): ErrorHandler<AppEnv> {
  return async (error, c) => {
    if (error instanceof ApiError) {
      const body = { error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } };
      return c.json(body, error.status);
    }
    if (error instanceof HTTPException && error.status < 500) {
      const code = error.status === 400 ? 'invalid_request' : error.status === 413 ? 'payload_too_large' : 'invalid_request';
      const message = error.status === 400 ? 'The request body is not valid JSON.' : error.message;
      return c.json({ error: { code, message } }, error.status);
    }
    const refusal = appendOnlyRefusalOf(error);
    if (refusal !== null && reportTamperRefused) await reportTamperRefused(c, refusal);
    log.error('unhandled error', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    return c.json({ error: { code: 'internal', message: 'Something went wrong on our side. It has been logged.' } }, 500);
  };
}
