/*
 * Workspaces are matched by origin: scheme, host and port. Chrome's match
 * patterns (manifest matches, host permissions, registered content scripts)
 * cannot name a port, so they only narrow where the panel's script may run;
 * this module decides where it does, in the content script and again in the
 * background's sender check. Plain code, no libraries: the content script
 * has a size budget.
 */

/** `https://acme.kustomer.com`, `http://127.0.0.1:8787`, `https://*.kustomer.com` (any subdomain, the default port). */
const ORIGIN = /^(https?):\/\/(\*\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::(\d{1,5}))?$/;

const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443' };

interface ParsedOrigin {
  scheme: string;
  anySubdomain: boolean;
  host: string;
  port: string;
}

function parse(origin: string): ParsedOrigin | null {
  const match = ORIGIN.exec(origin);
  if (!match) return null;
  const [, scheme = '', wildcard, host = '', port] = match;
  return { scheme, anySubdomain: wildcard !== undefined, host, port: port ?? DEFAULT_PORTS[scheme] ?? '' };
}

/** Whether `origin` is a workspace origin as stored: lower case, scheme and host, a port from 1 to 65535 if any, no path. */
export function isWorkspaceOrigin(origin: string): boolean {
  const port = Number(parse(origin)?.port);
  return port >= 1 && port <= 65535;
}

/** Whether the page at `url` is on `origin`: same scheme, same host (or a subdomain, for `*.`), same port. */
export function originMatches(origin: string, url: URL | Location): boolean {
  const wanted = parse(origin);
  if (!wanted || url.protocol !== `${wanted.scheme}:`) return false;
  const port = url.port || DEFAULT_PORTS[wanted.scheme];
  if (port !== wanted.port) return false;
  const host = url.hostname.toLowerCase();
  return host === wanted.host || (wanted.anySubdomain && host.endsWith(`.${wanted.host}`));
}

/** The Chrome match pattern that covers `origin` on every port (`https://*.kustomer.com/*`): host permissions and script registration. */
export function matchPatternOf(origin: string): string {
  const parsed = parse(origin);
  if (!parsed) throw new Error(`not a workspace origin: ${origin}`);
  return `${parsed.scheme}://${parsed.anySubdomain ? '*.' : ''}${parsed.host}/*`;
}

/**
 * The origin of what people paste: `https://acme.kustomer.com/app/customers`,
 * `acme.kustomer.com`, `localhost:3000`. Without a scheme, this machine is
 * `http://` and anything else `https://`. Text that is no URL is returned
 * as it is, for validation to refuse.
 */
export function originOfInput(input: string): string {
  const text = input.trim().replace(/\/\*$/, '');
  const wildcard = /^(https?:\/\/)?\*\./i.exec(text);
  const bare = wildcard ? text.replace('*.', '') : text;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(bare) ? bare : `${/^(localhost|127\.0\.0\.1)(:|\/|$)/i.test(bare) ? 'http' : 'https'}://${bare}`;
  try {
    const url = new URL(withScheme);
    const origin = `${url.protocol}//${wildcard ? '*.' : ''}${url.host}`;
    return url.origin === 'null' ? text : origin;
  } catch {
    return text;
  }
}
