import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * The headers every response carries (the API's JSON, the workspace's pages,
 * redirects and errors): no MIME sniffing, no Referer leaving the site, no
 * framing by any page (clickjacking), and a policy that lets nothing load
 * from a response that is not a page. A header a router already set is kept:
 * the workspace sets its own page policy. Strict-Transport-Security only when
 * the server is reached over https; over plain http browsers ignore it anyway.
 */
export function securityHeaders(options: { https: boolean }): MiddlewareHandler {
  return secureHeaders({
    overwrite: false,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: options.https ? 'max-age=15552000' : false,
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  });
}
