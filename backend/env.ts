import * as v from 'valibot';
import type { AuthPolicy } from './auth/policy';

const DatabaseUrl = v.pipe(
  v.string(),
  v.check(
    (url) => url === ':memory:' || /^(file:|libsql:\/\/|https?:\/\/|wss?:\/\/)/.test(url),
    'must be ":memory:", a file: URL, or a libsql://, http(s):// or ws(s):// URL of a libSQL server',
  ),
);

const EnvSchema = v.object({
  PORT: v.optional(v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(0), v.maxValue(65535)), '8787'),
  HOST: v.optional(v.pipe(v.string(), v.nonEmpty()), '127.0.0.1'),
  DATABASE_URL: v.optional(DatabaseUrl, 'file:data/auditdesk.db'),
  DATABASE_AUTH_TOKEN: v.optional(v.string()),
  /** FULL keeps committed audit rows through a power cut; NORMAL trades that for speed. */
  DATABASE_SYNCHRONOUS: v.optional(v.picklist(['FULL', 'NORMAL']), 'FULL'),
  /** Signs audit log cursors (≥ 32 characters); unset, a random key is made at start and cursors don't survive a restart. */
  AUDITDESK_SECRET: v.optional(v.pipe(v.string(), v.minLength(32, 'must be at least 32 characters'))),
  /** Ed25519 private key (PEM or base64 PKCS#8) that signs checkpoints; see loadSigningKey for what happens without it. */
  AUDITDESK_SIGNING_KEY: v.optional(v.pipe(v.string(), v.nonEmpty())),
  /** The file holding that key (default data/signing-key.pem, made on first start for an embedded database). */
  AUDITDESK_SIGNING_KEY_FILE: v.optional(v.pipe(v.string(), v.nonEmpty())),
  /** Minutes between signed checkpoints of every workspace whose log grew. */
  AUDITDESK_CHECKPOINT_MINUTES: v.optional(positive(7 * 24 * 60), '60'),
  /** Minutes between background verifications of every workspace's chain. */
  AUDITDESK_VERIFY_MINUTES: v.optional(positive(7 * 24 * 60), '60'),
  AUDITDESK_SEED: v.optional(v.picklist(['demo', 'none']), 'none'),
  /** Where JSON Lines stream destinations write: <root>/<workspace id>/<folder>/. */
  AUDITDESK_STREAM_ROOT: v.optional(v.pipe(v.string(), v.nonEmpty()), 'data/streams'),
  /** Milliseconds between looks at the stream destinations (this process's own commits also wake delivery at once). */
  AUDITDESK_STREAM_POLL_MS: v.optional(v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(10), v.maxValue(60_000)), '500'),
  LOG_LEVEL: v.optional(v.picklist(['debug', 'info', 'warn', 'error', 'silent']), 'info'),
  /** The URL people reach the server at; https turns on Secure, __Host- cookies. */
  PUBLIC_URL: v.optional(v.pipe(v.string(), v.url())),
  SESSION_IDLE_MINUTES: v.optional(positive(24 * 60), '30'),
  SESSION_ABSOLUTE_HOURS: v.optional(positive(24 * 30), '12'),
  LOCKOUT_THRESHOLD: v.optional(positive(100), '5'),
  LOCKOUT_WINDOW_MINUTES: v.optional(positive(24 * 60), '15'),
  LOCKOUT_MINUTES: v.optional(positive(24 * 60), '15'),
  LOCKOUT_MAX_HOURLY_FAILURES: v.optional(positive(10_000), '100'),
  LOGIN_RATE_PER_IP_PER_MINUTE: v.optional(positive(10_000), '30'),
  API_KEY_RATE_PER_MINUTE: v.optional(positive(1_000_000), '1200'),
  USER_RATE_PER_MINUTE: v.optional(positive(1_000_000), '1200'),
  /** Comma-separated origins allowed by CORS, e.g. chrome-extension://<id>. */
  CORS_ORIGINS: v.optional(
    v.pipe(
      v.string(),
      v.transform((list) => list.split(',').map((o) => o.trim()).filter(Boolean)),
      v.check((origins) => origins.every((o) => /^(https?|chrome-extension):\/\/[^/*\s]+$/.test(o)), 'must be full origins, e.g. chrome-extension://abc…, no wildcards'),
    ),
    '',
  ),
});

function positive(max: number) {
  return v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(max));
}

/** The auth policy the environment asks for. */
export function authPolicyFrom(env: Env): AuthPolicy {
  const minute = 60_000;
  return {
    sessionIdleMs: env.SESSION_IDLE_MINUTES * minute,
    sessionAbsoluteMs: env.SESSION_ABSOLUTE_HOURS * 60 * minute,
    lockoutThreshold: env.LOCKOUT_THRESHOLD,
    lockoutWindowMs: env.LOCKOUT_WINDOW_MINUTES * minute,
    lockoutBaseMs: env.LOCKOUT_MINUTES * minute,
    maxHourlyFailures: env.LOCKOUT_MAX_HOURLY_FAILURES,
    loginAttemptsPerIpPerMinute: env.LOGIN_RATE_PER_IP_PER_MINUTE,
    apiKeyRequestsPerMinute: env.API_KEY_RATE_PER_MINUTE,
    userRequestsPerMinute: env.USER_RATE_PER_MINUTE,
    corsOrigins: env.CORS_ORIGINS,
    secureCookies: env.PUBLIC_URL?.startsWith('https:') ?? false,
  };
}

export type Env = v.InferOutput<typeof EnvSchema>;

/** Parses configuration once; throws an Error that lists every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = v.safeParse(EnvSchema, source);
  if (result.success) return result.output;
  const problems = result.issues.map((issue) => {
    const key = issue.path?.map((p) => String(p.key)).join('.') ?? '(env)';
    return `  ${key}: ${issue.message}`;
  });
  throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
}
