/*
 * The manifest grants the extension http://localhost and http://127.0.0.1
 * (the demo backend and workspace). Any other backend is an optional host
 * permission that the user grants at sign-in.
 */

const BUILT_IN_HOSTS = new Set(['localhost', '127.0.0.1']);

/** The manifest's host_permissions: granted at install, never asked for. */
export const MANIFEST_HOST_PATTERNS: readonly string[] = ['http://localhost/*', 'http://127.0.0.1/*'];

/** The host permission pattern that lets the extension reach a URL: `https://audit.acme.com/*` (ports are not part of it). */
export function originPatternOf(url: string): string {
  const { protocol, hostname } = new URL(url);
  return `${protocol}//${hostname}/*`;
}

/** True when reaching this URL needs a host permission the manifest does not already grant. */
export function needsHostPermission(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return !(protocol === 'http:' && BUILT_IN_HOSTS.has(hostname));
}

/** A backend URL as the session keeps it: origin and path, no trailing slash, no query. */
export function normalizeBackendUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
}
