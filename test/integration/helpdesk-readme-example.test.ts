import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { asc, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { presentAuditEvent } from '../../backend/audit/present';
import { auditEvents } from '../../backend/db/schema';
import { startRealServer, type RealServer } from '../http/real-server';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { createInboundWebhook } from '../support/helpdesk';

/**
 * The README's curl example, run as written (bash, openssl, curl) against a
 * real server: its signature is what the receiver checks. Only the two lines
 * that name the webhook are given this test's webhook, and the event's time
 * is moved to now (the example's fixed date would fall out of retention).
 */
const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
const example = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).find((block) => block.includes('openssl dgst -sha256 -hmac'));

let ws: TestWorkspace;
let server: RealServer;
beforeEach(async () => {
  ws = await createTestWorkspace();
  server = await startRealServer(ws);
});
afterEach(async () => {
  await server.close();
  ws.close();
});

describe('the README’s signed curl example', () => {
  it('is accepted by the receiver and records the example’s changes', async () => {
    expect(example).toBeDefined();
    const hook = await createInboundWebhook(ws);
    const occurredAt = new Date(Date.now() - 60_000).toISOString();
    const script = example!
      .split('\n')
      .filter((line) => !/^HOOK_(URL|SECRET)=/.test(line))
      .join('\n')
      .replace('2026-12-03T09:00:00Z', occurredAt);
    const { stdout } = await promisify(execFile)('bash', ['-euc', script], {
      env: { PATH: process.env.PATH, HOOK_URL: server.url(new URL(hook.url).pathname), HOOK_SECRET: hook.secret },
    });
    expect(JSON.parse(stdout)).toMatchObject({ eventId: 'hd-evt-1001', recorded: 2 });
    const rows = await ws.deps.db.reader
      .select()
      .from(auditEvents)
      .where(sql`json_extract(${auditEvents.context}, '$.ingested.webhookId') = ${hook.id}`)
      .orderBy(asc(auditEvents.seq));
    expect(rows.map(presentAuditEvent).map((r) => [r.property, r.after])).toEqual([
      ['tier', 'gold'],
      ['tags', ['vip', 'churn-risk']],
    ]);
  });
});
