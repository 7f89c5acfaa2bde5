import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { requestSource } from '../http/request-source';

const WINDOW_MS = 60_000;

/**
 * Sign-in attempts per IP in the last minute, as a sliding log of attempt
 * times. In memory, per process: each of several processes sharing the
 * database counts the attempts it served, so a source spreading its attempts
 * over N processes gets N budgets, and a restart forgets the count, which
 * costs an attacker nothing they could not get by waiting a minute. Counting
 * in the database would put a write before every sign-in's argon2 check. The
 * per-account lockout and hourly cap are counted in the database, across
 * every process: they are the durable defence; this one only slows a single
 * source down.
 */
export class SlidingWindow {
  readonly #attempts = new Map<string, number[]>();
  #lastSweep = 0;

  constructor(private readonly limit: number) {}

  /** Counts an attempt from `key`; answers how long to wait (ms) when it is one too many, else 0. */
  hit(key: string, now: number): number {
    this.#sweep(now);
    const recent = (this.#attempts.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
    if (recent.length >= this.limit) {
      this.#attempts.set(key, recent);
      // Refused attempts are not logged, so a flood cannot push the wait further out.
      return recent[0]! + WINDOW_MS - now;
    }
    recent.push(now);
    this.#attempts.set(key, recent);
    return 0;
  }

  /** Drops IPs that have been quiet for a minute, so many one-off sources cannot grow the map for ever. */
  #sweep(now: number): void {
    if (now - this.#lastSweep < WINDOW_MS) return;
    this.#lastSweep = now;
    for (const [key, times] of this.#attempts) {
      if (times.at(-1)! <= now - WINDOW_MS) this.#attempts.delete(key);
    }
  }
}

/**
 * The key an address is counted under. IPv6 users get a whole /64 from
 * their provider, so counting single addresses would give one person
 * billions of budgets; IPv4-mapped addresses count as the IPv4 address.
 */
export function rateKeyOf(ip: string | null): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = ip.split('%')[0]!.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

// One window per app, shared by the API's and the workspace's sign-in, so an
// IP gets one budget for both.
const windows = new WeakMap<AppDeps, SlidingWindow>();

/** Says what was counted where: the attempts this process served, from one network. */
function rateLimitedMessage(perMinute: number): string {
  return `Too many sign-in attempts from your network (each server process accepts ${perMinute} a minute from one network). Wait a minute and try again.`;
}

/**
 * Refuses POST sign-in attempts past `loginAttemptsPerIpPerMinute` from one
 * IP (or IPv6 /64) in this process with 429 and Retry-After. The IP is the
 * socket's: X-Forwarded-For is not trusted, so behind a proxy every client
 * shares the proxy's budget. Requests without a socket address (app.request in tests)
 * share the key "unknown". `onLimited` answers instead of the API's
 * JSON error (the workspace shows its sign-in page).
 */
export function loginRateLimit(
  deps: AppDeps,
  onLimited?: (c: Context<AppEnv>, message: string) => Response | Promise<Response>,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    let window = windows.get(deps);
    if (!window) windows.set(deps, (window = new SlidingWindow(deps.policy.loginAttemptsPerIpPerMinute)));
    const waitMs = window.hit(rateKeyOf(requestSource(c).ip), deps.now().getTime());
    if (waitMs === 0) return next();
    c.header('Retry-After', String(Math.max(1, Math.ceil(waitMs / 1000))));
    const message = rateLimitedMessage(deps.policy.loginAttemptsPerIpPerMinute);
    if (onLimited) return onLimited(c, message);
    throw new ApiError(429, 'rate_limited', message);
  };
}
