import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './errors';

/** Request bodies above this are refused before they are read. */
export const MAX_BODY_BYTES = 1024 * 1024;

export const limitBody: MiddlewareHandler = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError(413, 'payload_too_large', `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KiB.`);
  },
});

/** A request that carries a body must say it is JSON (415 otherwise). */
export const requireJsonBody: MiddlewareHandler = async (c, next) => {
  const declaredEmpty = c.req.header('content-length') === '0';
  if (c.req.raw.body !== null && !declaredEmpty && !/^application\/(.+\+)?json(\s*;|$)/i.test(c.req.header('content-type') ?? '')) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the request body as application/json.');
  }
  await next();
};
