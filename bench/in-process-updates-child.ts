import { performance } from 'node:perf_hooks';
import { updateEntity } from '../backend/audit/engine';
import type { AuditContext } from '../backend/audit/context';
import { bootstrap } from '../backend/bootstrap';
import { conversationEntity } from '../backend/entities/conversations/definition';
import { conversationPatch } from '../backend/entities/conversations/patch';
import { createLogger } from '../backend/logger';
import type { BenchWorkspace } from './fixtures';
import type { InProcessUpdatesResult } from './in-process-updates';

/*
 * The write benchmark's PATCH without HTTP: the same job the route queues
 * (the conversation patch and its audit rows through the write queue, with
 * the server's database options), from `connections` callers that each send
 * the next change once the last one committed, like the HTTP clients.
 * Arguments: databaseUrl seconds connections; the workspace as JSON on stdin.
 */
const [databaseUrl, seconds, connections] = process.argv.slice(2).map((arg, i) => (i === 0 ? arg : Number(arg))) as [string, number, number];
if (!databaseUrl || !(seconds > 0) || !(connections > 0)) throw new Error('usage: in-process-updates-child databaseUrl seconds connections');

let input = '';
for await (const chunk of process.stdin) input += String(chunk);
const workspace = JSON.parse(input) as BenchWorkspace;

const deps = await bootstrap({ databaseUrl, synchronous: 'FULL', log: createLogger('silent') });
const ctx: AuditContext = {
  orgId: workspace.orgId,
  actor: { type: 'user', id: workspace.user.id, name: workspace.user.name },
  source: { requestId: null, ip: '127.0.0.1', userAgent: 'auditdesk-bench', apiKeyId: null },
  now: deps.now,
  newId: deps.newId,
};

let counter = 0;
function update(): Promise<unknown> {
  const n = ++counter;
  const id = workspace.conversationIds[n % workspace.conversationIds.length]!;
  const patch = { custom: { counter: `in-process ${n}` } };
  return deps.writes.run((tx) => updateEntity(tx, ctx, conversationEntity, id, (current) => conversationPatch(tx, ctx, patch, current)));
}

async function run(forMs: number): Promise<{ updates: number; seconds: number; cpuMs: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let updates = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() - started < forMs) {
        await update();
        updates++;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return { updates, seconds: (performance.now() - started) / 1000, cpuMs: (used.user + used.system) / 1000 };
}

const countRows = async () => Number((await deps.db.writerClient.execute('SELECT count(*) FROM audit_events')).rows[0]?.[0]);
await run(1_000);
const rowsBefore = await countRows();
const measured = await run(seconds * 1000);
const result: InProcessUpdatesResult = {
  updatesPerSecond: measured.updates / measured.seconds,
  updates: measured.updates,
  seconds: measured.seconds,
  cpuMsPerUpdate: measured.cpuMs / measured.updates,
  auditRows: (await countRows()) - rowsBefore,
};
deps.db.close();
process.stdout.write(JSON.stringify(result));
