import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { STATUS_SCRIPT } from './conversation-edit-form';

/** Every inline script a workspace page may carry (layout.tsx renders them verbatim); any other script does not run. */
export const INLINE_SCRIPTS: readonly string[] = [STATUS_SCRIPT];

const hashSource = (source: string) => `'sha256-${createHash('sha256').update(source).digest('base64')}'`;

/**
 * The workspace pages' Content-Security-Policy: scripts only from this site
 * or the listed inline ones, forms only to this site, no plugins, no <base>,
 * no framing. Inline styles stay allowed: the page's stylesheet is inlined,
 * and the extension's panel adds its own styles to the page. Frames, images
 * and connections are deliberately not restricted (no default-src): the
 * extension may place a frame of its own pages inside the workspace.
 * The other security headers come from backend/http/security-headers.ts.
 */
export const workspaceContentSecurityPolicy: MiddlewareHandler = secureHeaders({
  crossOriginResourcePolicy: false,
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  referrerPolicy: false,
  strictTransportSecurity: false,
  xContentTypeOptions: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xFrameOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
  removePoweredBy: false,
  contentSecurityPolicy: {
    scriptSrc: ["'self'", ...INLINE_SCRIPTS.map(hashSource)],
    styleSrc: ["'self'", "'unsafe-inline'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
});
