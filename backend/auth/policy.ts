/**
 * The sign-in and session policy (ASVS 5 / NIST SP 800-63B defaults), parsed
 * from the environment once (backend/env.ts) and passed in, so tests can
 * shrink every window.
 */
export interface AuthPolicy {
  /** A session unused this long is over. */
  sessionIdleMs: number;
  /** A session is over this long after sign-in, however busy. */
  sessionAbsoluteMs: number;
  /** Consecutive failures within `lockoutWindowMs` that lock the account. */
  lockoutThreshold: number;
  lockoutWindowMs: number;
  /** The first lock-out's length; each further lock-out in a row doubles it. */
  lockoutBaseMs: number;
  /** Failed attempts allowed per account per hour, whatever the number of IPs. */
  maxHourlyFailures: number;
  /** Sign-in attempts allowed per IP per minute. */
  loginAttemptsPerIpPerMinute: number;
  /** Requests allowed per API key per minute. */
  apiKeyRequestsPerMinute: number;
  /** Requests allowed per signed-in person per minute, all their sessions together. */
  userRequestsPerMinute: number;
  /** Origins allowed to call the API from a browser (the extension's); none by default. */
  corsOrigins: string[];
  /** Served over https: cookies get Secure and the __Host- prefix. */
  secureCookies: boolean;
  /**
   * The address people and other systems reach the server at (PUBLIC_URL, no
   * trailing slash), for absolute links such as a helpdesk webhook's URL;
   * unset, those links use the origin the request came in on.
   */
  publicUrl?: string | undefined;
}

export const DEFAULT_AUTH_POLICY: AuthPolicy = {
  sessionIdleMs: 30 * 60_000,
  sessionAbsoluteMs: 12 * 3_600_000,
  lockoutThreshold: 5,
  lockoutWindowMs: 15 * 60_000,
  lockoutBaseMs: 15 * 60_000,
  maxHourlyFailures: 100,
  loginAttemptsPerIpPerMinute: 30,
  apiKeyRequestsPerMinute: 1_200,
  userRequestsPerMinute: 1_200,
  corsOrigins: [],
  secureCookies: false,
};
