import * as v from 'valibot';

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
  AUDITDESK_SEED: v.optional(v.picklist(['demo', 'none']), 'demo'),
  LOG_LEVEL: v.optional(v.picklist(['debug', 'info', 'warn', 'error', 'silent']), 'info'),
});

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
