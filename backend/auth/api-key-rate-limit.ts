import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env';
import type { AppDeps } from '../deps';

const MINUTE_MS = 60_000;

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (epoch ms). */
  at: number;
}

/**
 * Limits each API key to `policy.apiKeyRequestsPerMinute` requests, so a
 * runaway automation cannot starve the write queue. A token bucket rather
 * than a fixed window: a key can burst up to a minute's allowance, then gets
 * one request per 1/N minute, with no double allowance across a window edge.
 * The buckets live in this process (one per app), keyed by key id, so a
 * rotated key keeps its count; there is one bucket per key ever used, which
 * is few. Signed-in people are not limited here.
 */
export function apiKeyRateLimit(deps: Pick<AppDeps, 'policy' | 'now'>): MiddlewareHandler<AppEnv> {
  const perMinute = deps.policy.apiKeyRequestsPerMinute;
  const msPerToken = MINUTE_MS / perMinute;
  const buckets = new Map<string, Bucket>();

  return async (c, next) => {
    const keyId = c.get('principal')?.apiKey?.id;
    if (!keyId) return next();
    const now = deps.now().getTime();
    const bucket = buckets.get(keyId) ?? { tokens: perMinute, at: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + Math.max(0, now - bucket.at) / msPerToken);
    bucket.at = now;
    buckets.set(keyId, bucket);
    if (bucket.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil(((1 - bucket.tokens) * msPerToken) / 1000));
      return c.json(
        { error: { code: 'rate_limited', message: `This API key may make ${perMinute} requests a minute. Try again in ${retryAfter} s.` } },
        429,
        { 'Retry-After': String(retryAfter) },
      );
    }
    bucket.tokens -= 1;
    return next();
  };
}
