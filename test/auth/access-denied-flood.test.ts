import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCESS_DENIED_WINDOW_MS, sweepClosedWindows } from '../../backend/auth/access-denied-windows';
import type { AuthPolicy } from '../../backend/auth/policy';
import { bootstrap } from '../../backend/bootstrap';
import { accessDeniedWindows, auditEvents } from '../../backend/db/schema';
import { createLogger } from '../../backend/logger';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

const START = Date.parse('2026-03-02T09:00:00.000Z');
let clock = START;
let ws: TestWorkspace;
const cleanups: (() => void)[] = [];
afterEach(() => {
  ws.close();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A workspace on a file database (what production runs) with a clock the test moves. */
async function workspace(policy: Partial<AuthPolicy> = {}) {
  clock = START;
  const dir = mkdtempSync(join(tmpdir(), 'auditdesk-denied-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  ws = await createTestWorkspace({ databaseUrl: `file:${join(dir, 'db.sqlite')}`, now: () => new Date(clock), policy });
  return dir;
}

/** The agent asks for the business rules (a settings page their role may not read), `times` times. */
async function forbiddenReads(times: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) {
    statuses.push((await ws.call('GET', '/api/v1/business-rules', { token: ws.tokens.agent })).status);
  }
  return statuses;
}

async function deniedRows() {
  const rows = await ws.deps.db.reader
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.event, 'access_denied'), eq(auditEvents.actorId, ws.users.agent.id)))
    .orderBy(asc(auditEvents.id));
  return rows.map((row) => ({ occurredAt: row.occurredAt, context: JSON.parse(row.context ?? 'null') as Record<string, unknown> }));
}

const REFUSAL = { method: 'GET', route: '/api/v1/business-rules', permission: 'settings:write' };
const SUMMARY = {
  ...REFUSAL,
  repeats: 199,
  windowStart: new Date(START).toISOString(),
  windowEnd: new Date(START + ACCESS_DENIED_WINDOW_MS).toISOString(),
};

describe('repeated refusals', () => {
  it('answer 403 each, write the first at once and count the other 199 in one summary when the sweep closes the window', async () => {
    await workspace();
    expect(new Set(await forbiddenReads(200))).toEqual(new Set([403]));
    expect((await deniedRows()).map((row) => row.context)).toEqual([REFUSAL]);

    clock = START + ACCESS_DENIED_WINDOW_MS - 1;
    expect(await sweepClosedWindows(ws.deps)).toBe(0);
    clock = START + ACCESS_DENIED_WINDOW_MS;
    expect(await sweepClosedWindows(ws.deps)).toBe(1);

    expect((await deniedRows()).map((row) => row.context)).toEqual([REFUSAL, SUMMARY]);
    expect(await ws.deps.db.reader.select().from(accessDeniedWindows)).toEqual([]);
  });

  it('are summarized by the next refusal after the window, which starts a new window of its own', async () => {
    await workspace();
    await forbiddenReads(200);
    clock = START + ACCESS_DENIED_WINDOW_MS + 5_000;
    expect(await forbiddenReads(1)).toEqual([403]);

    expect((await deniedRows()).map((row) => row.context)).toEqual([REFUSAL, SUMMARY, REFUSAL]);
    expect(await sweepClosedWindows(ws.deps)).toBe(0);
  });

  it('write nothing more when a window had no repeats', async () => {
    await workspace();
    await forbiddenReads(1);
    clock = START + ACCESS_DENIED_WINDOW_MS;
    expect(await sweepClosedWindows(ws.deps)).toBe(1);
    expect((await deniedRows()).map((row) => row.context)).toEqual([REFUSAL]);
  });

  it('are counted apart per endpoint and permission', async () => {
    await workspace();
    await forbiddenReads(3);
    const other = await ws.call('GET', '/api/v1/workflows', { token: ws.tokens.agent });
    expect(other.status).toBe(403);
    expect((await deniedRows()).map((row) => row.context.route)).toEqual(['/api/v1/business-rules', '/api/v1/workflows']);
  });

  it('are summarized once when two servers sharing the database sweep at the same moment', async () => {
    const dir = await workspace();
    await forbiddenReads(200);
    clock = START + ACCESS_DENIED_WINDOW_MS;
    const otherServer = await bootstrap({ databaseUrl: `file:${join(dir, 'db.sqlite')}`, log: createLogger('silent'), now: () => new Date(clock) });
    try {
      const closed = await Promise.all([sweepClosedWindows(ws.deps), sweepClosedWindows(otherServer)]);
      expect(closed.sort()).toEqual([0, 1]);
    } finally {
      otherServer.db.close();
    }
    expect((await deniedRows()).map((row) => row.context)).toEqual([REFUSAL, SUMMARY]);
  });
});

describe('the per-person rate limit', () => {
  it('answers 429 rate_limited with Retry-After past the allowance, and the refusals it let through are still counted', async () => {
    await workspace({ userRequestsPerMinute: 50 });
    const statuses = await forbiddenReads(200);
    expect(statuses.slice(0, 50)).toEqual(Array(50).fill(403));
    expect(new Set(statuses.slice(50))).toEqual(new Set([429]));

    const limited = await ws.call('GET', '/api/v1/auth/me', { token: ws.tokens.agent });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // Another person has their own allowance.
    expect((await ws.call('GET', '/api/v1/auth/me', { token: ws.tokens.lead })).status).toBe(200);

    clock = START + ACCESS_DENIED_WINDOW_MS;
    await sweepClosedWindows(ws.deps);
    expect((await deniedRows()).map((row) => row.context.repeats ?? 0)).toEqual([0, 49]);
  });

  it('refills over time', async () => {
    await workspace({ userRequestsPerMinute: 60 });
    for (let i = 0; i < 60; i++) await ws.call('GET', '/api/v1/auth/me', { token: ws.tokens.agent });
    expect((await ws.call('GET', '/api/v1/auth/me', { token: ws.tokens.agent })).status).toBe(429);
    clock += 1_000;
    expect((await ws.call('GET', '/api/v1/auth/me', { token: ws.tokens.agent })).status).toBe(200);
  });
});
