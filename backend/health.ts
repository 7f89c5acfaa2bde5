import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import pkg from '../package.json' with { type: 'json' };
import type { AppEnv } from './http/app-env';
import type { AppDeps } from './deps';

export function healthRouter(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', async (c) => {
    let db = 'ok';
    try {
      await deps.db.reader.run(sql`SELECT 1`);
    } catch {
      db = 'unavailable';
    }
    return c.json({ ok: db === 'ok', version: pkg.version, db }, db === 'ok' ? 200 : 503);
  });
}
