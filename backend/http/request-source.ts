import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { RequestSource } from '../audit/context';
import type { AppEnv } from './app-env';

/** The request facts every audit row of this request carries. */
export function requestSource(c: Context<AppEnv>): RequestSource {
  return {
    requestId: c.get('requestId'),
    ip: clientIp(c),
    userAgent: c.req.header('user-agent')?.slice(0, 512) ?? null,
    apiKeyId: c.get('principal')?.apiKey?.id ?? null,
  };
}

function clientIp(c: Context<AppEnv>): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    // app.request() in tests has no socket
    return null;
  }
}
