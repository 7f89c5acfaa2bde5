import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { auditEvents } from '../../backend/db/schema';
import { createStreamWorker, type StreamWorker, type StreamWorkerOptions } from '../../backend/integration/streams/worker';
import type { AppDeps } from '../../backend/deps';
import type { TestWorkspace } from './harness';
import { bodyOf } from './audit-rows';

export type SignatureCheck = (secret: string, header: string, body: string, nowSeconds?: number) => boolean;

/**
 * The signature check the README gives receivers, loaded from the README
 * itself (its `js` block after "Verify a batch's signature"), so the
 * documented snippet is what the tests run.
 */
export async function readmeSignatureCheck(): Promise<SignatureCheck> {
  const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf("**Verify a batch's signature**"));
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  if (!code) throw new Error("README.md has no js block after **Verify a batch's signature**");
  const file = join(mkdtempSync(join(tmpdir(), 'auditdesk-readme-')), 'verify.mjs');
  writeFileSync(file, `${code}\nexport { verifyAuditdeskSignature };\n`);
  const loaded = (await import(pathToFileURL(file).href)) as { verifyAuditdeskSignature: SignatureCheck };
  return loaded.verifyAuditdeskSignature;
}

/** One request the receiver got, and what it answered. */
export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  status: number | 'hung';
}

/** What the receiver answers the next request: a status, or no answer at all (the sender times out). */
export type Answer = number | 'hang';

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  /** The events of the requests answered 2xx, in the order they arrived: what the receiver accepted. */
  accepted(): Array<{ id: string; seq: number } & Record<string, unknown>>;
  /** How the receiver answers from now on (default 200); a function may take its time. */
  answer(next: Answer | ((request: ReceivedRequest) => Answer | Promise<Answer>)): void;
  close(): Promise<void>;
}

/** A real HTTP receiver on 127.0.0.1, as a SIEM's collector would be. */
export async function startReceiver(): Promise<Receiver> {
  let decide: (request: ReceivedRequest) => Answer | Promise<Answer> = () => 200;
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedRequest = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status: 'hung' };
      requests.push(request);
      void Promise.resolve(decide(request)).then((answer) => {
        if (answer === 'hang') return;
        request.status = answer;
        res.writeHead(answer, { 'content-type': 'application/json' }).end('{}');
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/auditdesk`,
    requests,
    accepted: () =>
      requests
        .filter((r) => typeof r.status === 'number' && r.status >= 200 && r.status < 300)
        .flatMap((r) => (JSON.parse(r.body) as { events: Array<{ id: string; seq: number }> }).events),
    answer(next) {
      decide = typeof next === 'function' ? next : () => next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A stream worker for tests: quick polls and a short, fixed backoff unless told otherwise. */
export function testWorker(deps: AppDeps, options: Partial<StreamWorkerOptions> & { root: string }): StreamWorker {
  return createStreamWorker(deps, { pollMs: 20, backoff: () => 20, webhookTimeoutMs: 300, ...options });
}

/** Resolves once `check` holds, polling; fails after `timeoutMs` with `what`. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

/** `count` audited changes made through the API by the agent: new customers, one event each. */
export async function makeCustomers(ws: Pick<TestWorkspace, 'call' | 'tokens'>, count: number, prefix = 'Customer'): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await bodyOf(await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: `${prefix} ${i}` } }), 201);
  }
}

/** The sequence numbers of the workspace's events matching `where` (all by default), oldest first. */
export async function loggedSeqs(ws: TestWorkspace, where?: SQL): Promise<number[]> {
  const rows = await ws.deps.db.reader
    .select({ seq: auditEvents.seq })
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, ws.orgId), where))
    .orderBy(asc(auditEvents.seq));
  return rows.map((row) => row.seq!);
}
