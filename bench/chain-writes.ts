import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { prepareWorkspace, seedAgent } from './fixtures';
import { type HttpUpdatesResult, runHttpUpdates } from './http-updates';
import { type RunningServer, startServer } from './server';

/*
 * BENCH_ONLY=chain: what the hash chain costs a write. Audited updates per
 * second through two servers on one database file and one workspace: one
 * as in production (each audit row sealed and chained in its transaction),
 * one started with AUDITDESK_BENCH_WITHOUT_CHAIN=1 (the same writes, no
 * chain). Only one is under load at a time, in alternating rounds A B B A
 * after an uncounted warm-up of each, so a drift of the machine weighs on
 * both alike. Target ratio (chained / unchained) ≥ 0.9.
 * The chained server starts first: at start a server chains the events it
 * finds unchained, which the unchained rounds write.
 */

const ROUNDS = 4;

let active: { dir: string; servers: RunningServer[] } | undefined;

export async function stopChainBenchmark(): Promise<void> {
  const current = active;
  active = undefined;
  if (!current) return;
  await Promise.all(current.servers.map((server) => server.stop()));
  rmSync(current.dir, { recursive: true, force: true });
}

export async function runChainBenchmark(
  log: (message: string) => void,
  options: { seconds: number; connections: number; conversations: number },
): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'auditdesk-chain-'));
  active = { dir, servers: [] };
  const databaseUrl = `file:${join(dir, 'chain.db')}`;
  try {
    const agent = await seedAgent(databaseUrl);
    const chained = await startServer(databaseUrl);
    active.servers.push(chained);
    const unchained = await startServer(databaseUrl, { env: { AUDITDESK_BENCH_WITHOUT_CHAIN: '1' } });
    active.servers.push(unchained);
    log(`chain: servers ${chained.url} (chained) and ${unchained.url} (no chain) on one file`);
    const workspace = await prepareWorkspace(chained.url, agent, options.conversations);

    // Each run's rows are counted around it: a chained run must add no unchained row, and the other way round.
    let kept = true;
    const run = async (label: 'chained' | 'unchained', seconds: number): Promise<HttpUpdatesResult> => {
      const server = label === 'chained' ? chained : unchained;
      const before = await chainCounts(databaseUrl, agent.orgId);
      const result = await runHttpUpdates({
        baseUrl: server.url,
        databaseUrl,
        token: workspace.token,
        conversationIds: workspace.conversationIds,
        connections: options.connections,
        seconds,
        serverCpuSeconds: server.cpuSeconds,
      });
      const after = await chainCounts(databaseUrl, agent.orgId);
      const wrote = { chained: after.chained - before.chained, unchained: after.unchained - before.unchained };
      const other = label === 'chained' ? 'unchained' : 'chained';
      kept &&= wrote[other] === 0 && wrote[label] >= result.ok && after.head === after.chained;
      return result;
    };
    log('chain: warming both servers up (not counted)');
    await run('chained', 2);
    await run('unchained', 2);
    const results: Record<'chained' | 'unchained', HttpUpdatesResult[]> = { chained: [], unchained: [] };
    const seconds = Math.max(2, Math.round(options.seconds / (2 * ROUNDS)));
    for (let round = 1; round <= ROUNDS; round++) {
      const order = round % 2 === 1 ? (['chained', 'unchained'] as const) : (['unchained', 'chained'] as const);
      for (const label of order) {
        log(`chain: round ${round}/${ROUNDS}, ${label}, ~${seconds} s`);
        results[label].push(await run(label, seconds));
      }
    }
    return report(results, kept);
  } finally {
    await stopChainBenchmark();
  }
}

/** Audit rows of the workspace with and without a place in the chain, and the chain head. */
async function chainCounts(databaseUrl: string, orgId: string) {
  const client = createClient({ url: databaseUrl });
  try {
    const n = async (sql: string) => Number((await client.execute({ sql, args: [orgId] })).rows[0]![0]);
    return {
      chained: await n('select count(*) from audit_events where org_id = ? and seq is not null'),
      unchained: await n('select count(*) from audit_events where org_id = ? and seq is null'),
      head: await n('select coalesce(max(seq), 0) from audit_chain_heads where org_id = ?'),
    };
  } finally {
    client.close();
  }
}

function report(results: Record<'chained' | 'unchained', HttpUpdatesResult[]>, kept: boolean): boolean {
  const rate = (runs: HttpUpdatesResult[]) => runs.reduce((sum, r) => sum + r.ok, 0) / runs.reduce((sum, r) => sum + r.seconds, 0);
  const p50 = (runs: HttpUpdatesResult[]) => runs.map((r) => r.latency.p50).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
  const clean = [...results.chained, ...results.unchained].every(
    (r) => r.auditRows === r.ok && r.non2xx === 0 && r.errors === 0 && r.timeouts === 0 && !r.cutShort,
  );
  const withChain = rate(results.chained);
  const without = rate(results.unchained);
  console.log('\nAuditdesk hash-chain write benchmark: audited updates/s, one file and workspace, alternating rounds\n');
  console.log(`  without chain  ${int(without).padStart(7)} /s   rounds ${results.unchained.map((r) => int(r.updatesPerSecond)).join(', ')}   p50 ${p50(results.unchained).toFixed(1)} ms`);
  console.log(`  with chain     ${int(withChain).padStart(7)} /s   rounds ${results.chained.map((r) => int(r.updatesPerSecond)).join(', ')}   p50 ${p50(results.chained).toFixed(1)} ms`);
  console.log(`  ratio          ${(withChain / without).toFixed(2).padStart(7)}      target ≥ 0.9`);
  console.log(`  every 2xx audited once, no errors: ${clean ? 'yes' : 'NO'}`);
  console.log(`  chained runs wrote only chained rows (head at the last), unchained runs only unchained: ${kept ? 'yes' : 'NO'}\n`);
  return clean && kept;
}

function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
