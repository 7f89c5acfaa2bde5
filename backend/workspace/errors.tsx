/** @jsxImportSource hono/jsx */
import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../http/app-env';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { ErrorPage } from './error-page';
import { findViewer, LOGIN_PATH } from './guard';
import { render } from './render';

/**
 * The workspace's `onError`: the API's expected failures as pages a person
 * can read (404 for unknown or foreign ids, 403 for a refused role or a
 * cross-site form), anything else logged with the request id and shown as a
 * plain 500 page, never a stack trace.
 */
export function workspaceErrors(deps: Pick<AppDeps, 'log' | 'db'>): ErrorHandler<AppEnv> {
  return async (error, c) => {
    let status: ContentfulStatusCode = 500;
    if (error instanceof ApiError) {
      if (error.status === 401) return c.redirect(LOGIN_PATH);
      status = error.status;
    } else if (error instanceof HTTPException && error.status < 500) {
      status = error.status as ContentfulStatusCode;
    } else {
      deps.log.error('unhandled error', {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
    // The header still shows who is signed in, unless that is what failed.
    const viewer = status === 500 ? undefined : await findViewer(c, deps.db.reader);
    return render(c, <ErrorPage status={status} viewer={viewer} />, status);
  };
}
