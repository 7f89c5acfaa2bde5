import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { auditPageJson } from '../backend/audit/query/page';
import { matchingPositions } from '../backend/audit/query/arms';
import type { Principal } from '../backend/auth/principal';
import { openDatabase } from '../backend/db/client';
import { runSql } from '../backend/db/sql';
import type { AuditFilters } from '../shared/schemas/audit';
import { generateMillionEvents, type MillionEvents } from './million-events';

/*
 * `npx tsx bench/actor-filter.ts [path]`: the first page of the workspace log
 * for the Performed By filters a filter change sends (an actor by name, a
 * name nobody has, several actor ids, several conversations), in-process
 * (auditPageJson on the file, as the server runs it), and the day counts of
 * the activity chart (the /audit/activity query), on a 1,000,000-event log.
 * The log is generated once into `path` (default /tmp/auditdesk-actor-bench.db)
 * and reused, so the same file can be measured before and after a change of
 * the query or the migrations (opening the file applies new migrations).
 * Knobs: BENCH_EVENTS (1,000,000), BENCH_SAMPLES (20).
 */

const path = process.argv[2] ?? '/tmp/auditdesk-actor-bench.db';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 20);
const url = `file:${path}`;
const metaPath = `${path}.json`;

async function report(name: string, run: () => Promise<number>, unit: string) {
  const result = await run();
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`  ${name.padEnd(52)} p50 ${times[Math.floor(SAMPLES / 2)]!.toFixed(1).padStart(8)} ms  max ${times.at(-1)!.toFixed(1).padStart(8)} ms  ${unit} ${result}`);
}

async function main() {
  let data: MillionEvents;
  if (existsSync(metaPath)) {
    data = JSON.parse(readFileSync(metaPath, 'utf8')) as MillionEvents;
  } else {
    data = await generateMillionEvents(url, { events: EVENTS, customers: 2_000, conversations: 20_000, log: console.log });
    writeFileSync(metaPath, JSON.stringify(data));
  }
  const db = await openDatabase({ url });
  try {
    const admin: Principal = {
      orgId: data.orgId,
      actor: { type: 'user', id: data.admin.id, name: data.admin.name },
      user: { id: data.admin.id, email: data.admin.email, name: data.admin.name, role: 'admin' },
      apiKey: null,
      sessionId: null,
    };
    const cursorKey = randomBytes(32);
    const rare = data.conversationIds.slice(0, 3);
    const scenarios: Array<[string, AuditFilters]> = [
      ['actor by a current user name (admin)', { actor: [data.admin.name] }],
      ['actor by a name recorded only on rows (automation)', { actor: ['round robin'] }],
      ['actor by a name nobody has', { actor: ['Nobody Atall'] }],
      ['actor by a rare recorded name (2 rows)', { actor: ['benchmark SETUP'] }],
      ['a rare name and a common one', { actor: ['Benchmark setup', data.agent.name] }],
      ['two actor ids nobody has', { actor: ['01M81J3EMT7EBGSMWJ3EXBJQSE', '01M81J3EMT7EBGSMWJ3EXBJQSF'] }],
      ['two actor ids', { actor: [data.admin.id, data.agent.id] }],
      ['two actor names + 30 days', { actor: [data.admin.name, data.agent.name], from: new Date(data.newest - 30 * 86_400_000).toISOString() }],
      ['notActor by name', { notActor: [data.admin.name] }],
      ['three conversations', { conversation: rare }],
    ];
    console.log('first page (GET /audit)');
    for (const [name, filters] of scenarios) {
      const page = async () => (JSON.parse(await auditPageJson(db.reader, admin, { ...filters, limit: 50 }, { cursorKey })) as { items: unknown[] }).items.length;
      await report(name, page, 'rows');
    }
    console.log('activity by day (the query of GET /audit/activity?bucket=day)');
    for (const [name, filters] of scenarios) {
      const activity = async () => {
        const matching = await matchingPositions(db.reader, admin, filters);
        const rows = await runSql(
          db.reader,
          sql`select (matching.t / 86400000) * 86400000 as start, count(*) as n from ${matching} group by start order by start desc limit 1000`,
        );
        return rows.reduce((sum, row) => sum + Number(row.n), 0);
      };
      await report(name, activity, 'counted');
    }
  } finally {
    db.close();
  }
}

await main();
