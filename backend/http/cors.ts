import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/** What the API's browser callers (the extension) send and may read. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
const REQUEST_HEADERS = ['Authorization', 'Content-Type', 'Last-Event-ID'];
const EXPOSED_HEADERS = ['Retry-After', 'X-Request-Id', 'Content-Disposition'];

/**
 * CORS for the API: only the configured origins (exact match; the extension's
 * `chrome-extension://<id>`) may call it from a browser. The Origin header is
 * echoed back only when it is on the list; any other origin, preflight or
 * not, gets no CORS header at all, so the browser keeps the response from
 * its page. No credentials: the extension sends a Bearer token, not cookies.
 */
export function apiCors(origins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(origins);
  const forAllowed = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: METHODS,
    allowHeaders: REQUEST_HEADERS,
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (origin !== undefined && allowed.has(origin)) return forAllowed(c, next);
    // hono's cors would still list the allowed methods and headers in a
    // preflight from any origin: answer a foreign one with nothing.
    if (origin !== undefined && c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      return c.body(null, 204, { Vary: 'Origin' });
    }
    await next();
    // The answer depends on the Origin: caches must not serve one origin's to another.
    varyOnOrigin(c.res, () => c.header('Vary', 'Origin', { append: true }));
  };
}

/**
 * Appends `Vary: Origin` to the finished response's own headers. `c.header()`
 * after the handler would rebuild the response around a stream of its body,
 * which @hono/node-server then writes the slow way (a timer tick and separate
 * writes): measured ~1 ms a request. Responses we create have mutable
 * headers; `fallback` covers one that does not (a proxied fetch answer).
 */
function varyOnOrigin(res: Response, fallback: () => void): void {
  try {
    res.headers.append('Vary', 'Origin');
  } catch {
    fallback();
  }
}
