import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/*
 * The peer behind the thinnest HTTP front a team could give it: node:http,
 * the peer's own `pg` driver (from its folder), a pool of 16 connections,
 * and for each `PATCH /conversations/:id` the peer's own transaction: BEGIN,
 * the caller as `app.user_id` (what its trigger records as the actor), the
 * UPDATE its trigger audits, COMMIT. The caller is whatever the bearer token
 * says: no sign-in, no session lookup, no validation beyond parsing the JSON
 * body, no logging, no security headers. A floor for what HTTP costs the
 * peer, so the comparison leans its way.
 *
 * Argument: the peer's folder. Prints "listening on http://127.0.0.1:PORT".
 * `GET /conversation-ids` answers ids to update; `GET /audit-rows` the
 * number of audit rows, to check one per 2xx.
 */

interface QueryResult {
  rows: Array<Record<string, unknown>>;
  rowCount: number | null;
}
interface PoolClient {
  query(text: string | { name: string; text: string; values: unknown[] }, values?: unknown[]): Promise<QueryResult>;
  release(error?: Error): void;
}
interface Pool {
  connect(): Promise<PoolClient>;
  query(text: string, values?: unknown[]): Promise<QueryResult>;
}
type PgModule = { Pool: new (options: Record<string, unknown>) => Pool };

const [peerDir] = process.argv.slice(2);
if (!peerDir) throw new Error('usage: peer-over-http-child <peer folder>');
const pg = createRequire(join(peerDir, 'package.json'))('pg') as PgModule;
const pool = new pg.Pool({
  host: process.env.PGHOST || '/tmp',
  port: Number(process.env.PGPORT || 55432),
  user: process.env.PGUSER || 'postgres',
  database: process.env.PGDATABASE || 'peer',
  max: 16,
});

// The peer's own statement: a status that always differs from the current one, so its trigger writes exactly one row.
const UPDATE_SQL = 'UPDATE conversations SET status = CASE WHEN status = $2 THEN $3 ELSE $2 END, updated_at = now() WHERE id = $1';
const STATUSES = new Set(['open', 'pending', 'snoozed', 'resolved', 'closed']);
const CONVERSATION_PATH = /^\/conversations\/([^/]+)$/;

async function patchConversation(id: string, actor: string, body: unknown): Promise<QueryResult | undefined> {
  const { status, otherwise } = (body ?? {}) as { status?: unknown; otherwise?: unknown };
  if (typeof status !== 'string' || typeof otherwise !== 'string' || !STATUSES.has(status) || !STATUSES.has(otherwise)) return undefined;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT set_config($1, $2, true)', ['app.user_id', actor]);
    const result = await client.query({ name: 'update', text: UPDATE_SQL, values: [id, status, otherwise] });
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(error as Error);
    throw error;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? '/';
  if (req.method === 'GET' && url === '/conversation-ids') {
    const { rows } = await pool.query('SELECT id FROM conversations ORDER BY id LIMIT 1000');
    return send(res, 200, rows.map((row) => row.id));
  }
  if (req.method === 'GET' && url === '/audit-rows') {
    const { rows } = await pool.query('SELECT count(*)::bigint AS n FROM audit_events');
    return send(res, 200, Number(rows[0]!.n));
  }
  const id = CONVERSATION_PATH.exec(url)?.[1];
  const actor = req.headers.authorization?.match(/^Bearer (\S+)$/)?.[1];
  if (req.method !== 'PATCH' || !id) return send(res, 404, { error: 'not found' });
  if (!actor) return send(res, 401, { error: 'no caller' });
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return send(res, 400, { error: 'not JSON' });
  }
  const result = await patchConversation(decodeURIComponent(id), actor, body);
  if (!result) return send(res, 400, { error: 'status and otherwise must be statuses' });
  if (result.rowCount !== 1) return send(res, 404, { error: 'no such conversation' });
  send(res, 200, { id, updated: true });
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => send(res, 500, { error: String(error) }));
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.stdout.write(`listening on http://127.0.0.1:${address.port}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
