import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env';
import type { AppDeps } from '../deps';
import type { Principal } from './principal';

const MINUTE_MS = 60_000;

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (epoch ms). */
  at: number;
}

/** The bucket a caller draws from and its allowance per minute; none for anonymous requests. */
function budgetOf(principal: Principal | null, policy: AppDeps['policy']): { key: string; perMinute: number } | null {
  if (principal?.apiKey) return { key: `key:${principal.apiKey.id}`, perMinute: policy.apiKeyRequestsPerMinute };
  if (principal?.user) return { key: `user:${principal.user.id}`, perMinute: policy.userRequestsPerMinute };
  return null;
}

/**
 * Limits each signed-in caller: an API key to `policy.apiKeyRequestsPerMinute`
 * requests, a person (all their sessions together) to
 * `policy.userRequestsPerMinute`, so a runaway automation or a looping script
 * with a stolen session cannot starve the write queue or flood the log; past
 * the limit, 429 `rate_limited` with Retry-After. A token bucket rather than a
 * fixed window: a caller can burst up to a minute's allowance, then gets one
 * request per 1/N minute, with no double allowance across a window edge.
 *
 * The buckets live in this process (one map per app), keyed by key or user
 * id, so a rotated key or a new session keeps its count; there is one bucket
 * per caller ever seen, which is few. Per process on purpose: counting in the
 * database would add a write to every read request. Several processes behind
 * one address give a caller one allowance each, which the 429 says.
 */
export function callerRateLimit(deps: Pick<AppDeps, 'policy' | 'now'>): MiddlewareHandler<AppEnv> {
  const buckets = new Map<string, Bucket>();

  return async (c, next) => {
    const budget = budgetOf(c.get('principal'), deps.policy);
    if (!budget) return next();
    const { key, perMinute } = budget;
    const msPerToken = MINUTE_MS / perMinute;
    const now = deps.now().getTime();
    const bucket = buckets.get(key) ?? { tokens: perMinute, at: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + Math.max(0, now - bucket.at) / msPerToken);
    bucket.at = now;
    buckets.set(key, bucket);
    if (bucket.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil(((1 - bucket.tokens) * msPerToken) / 1000));
      const allowance = key.startsWith('key:')
        ? `This API key may make ${perMinute} requests a minute`
        : `You may make ${perMinute} requests a minute, all your sessions together,`;
      const message = `${allowance} to each server process. Try again in ${retryAfter} s.`;
      return c.json(
        { error: { code: 'rate_limited', message } },
        429,
        { 'Retry-After': String(retryAfter) },
      );
    }
    bucket.tokens -= 1;
    return next();
  };
}
