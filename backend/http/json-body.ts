import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../errors';

/** Request bodies above this are refused before they are read. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * GET and HEAD requests never carry a body (fetch's Request refuses one,
 * @hono/node-server never gives them one). Asking for `c.req.raw.body`
 * anyway makes the server build a full Request for every read: ~0.15 ms.
 */
const hasNoBody = (method: string) => method === 'GET' || method === 'HEAD';

const tooLarge = () => new ApiError(413, 'payload_too_large', `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KiB.`);

const limit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw tooLarge();
  },
});

/**
 * A body of declared length is judged by its Content-Length alone (Node's
 * parser never delivers more than that). hono's bodyLimit would first ask
 * for `c.req.raw.body`, which makes the Node adapter build a full Request
 * with a web stream around the socket: ~0.1 ms a request, where the adapter
 * otherwise reads a JSON body straight from the socket. A chunked body has
 * no length to judge: bodyLimit counts it as it arrives.
 */
export const limitBody: MiddlewareHandler = (c, next) => {
  if (hasNoBody(c.req.method)) return next();
  const length = c.req.header('content-length');
  if (length === undefined || c.req.header('transfer-encoding') !== undefined) return limit(c, next);
  if (Number(length) > MAX_BODY_BYTES) throw tooLarge();
  return next();
};

/** The media types hono's JSON validator parses; anything else it would read as no body at all. */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

const mediaTypeOf = (contentType: string) => contentType.split(';')[0]!.trim();

/**
 * Over HTTP/1.1 a request carries a body exactly when it has a non-zero
 * Content-Length or a Transfer-Encoding. `c.req.raw.body` cannot tell: the
 * Node adapter gives every POST a body stream, even an empty one.
 */
const carriesBody = (header: (name: string) => string | undefined) =>
  header('transfer-encoding') !== undefined || Number(header('content-length') ?? '0') > 0;

/**
 * A request that declares a media type must declare JSON, whatever its
 * length: an empty form post is what another site's page can send with the
 * browser's cookies, so it is refused like a full one (415). A request with
 * no body and no Content-Type (`curl -X POST …/unlock`) has nothing to check
 * and passes; a route that needs a body then answers 400 from its validator.
 */
export const requireJsonBody: MiddlewareHandler = async (c, next) => {
  if (!hasNoBody(c.req.method)) {
    const contentType = c.req.header('content-type');
    const refused = contentType === undefined ? carriesBody((name) => c.req.header(name)) : !JSON_MEDIA_TYPE.test(mediaTypeOf(contentType));
    if (refused) throw new ApiError(415, 'unsupported_media_type', 'Send the request body as application/json.');
  }
  await next();
};
