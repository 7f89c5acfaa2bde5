import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePeerOutput, peerSetup } from '../../bench/peer';

// The peer's own output, as its bench.mjs prints it (a run of 10 s, trigger mode, 16 clients).
const OUTPUT = [
  'reset: removed 23980 audit rows written by earlier runs',
  'PostgreSQL 15.14 | fsync=on synchronous_commit=on | shared_buffers=256MB | via /tmp:55432',
  '',
  '== audited updates: BEGIN; SET LOCAL app.user_id; UPDATE ... status ...; COMMIT (10s, 3s warm-up) ==',
  'trigger clients=16    2388 updates/s  p50 6.10 ms  p95 12.70 ms  p99 17.08 ms  audit rows/update 1.000  errors 0  cpu(machine) 99%  cpu(node) 30%',
  '',
  '== summary (median over repeats) ==',
  'trigger clients=16: 2388 updates/s (p50 6.10 ms, p95 12.70 ms) runs=[2388.4]',
].join('\n');

describe('the peer in the writes benchmark', () => {
  it("reads updates/s, latency, audit rows per update and errors from the peer's result line", () => {
    expect(parsePeerOutput(OUTPUT)).toEqual({
      updatesPerSecond: 2388,
      p50Ms: 6.1,
      p95Ms: 12.7,
      auditRowsPerUpdate: 1,
      errors: 0,
      line: OUTPUT.split('\n')[4],
    });
  });

  it('finds no result when the peer printed no 16-client trigger line', () => {
    expect(parsePeerOutput(OUTPUT.replaceAll('clients=16', 'clients= 1'))).toBeNull();
    expect(parsePeerOutput('error: connect ECONNREFUSED /tmp/.s.PGSQL.55432')).toBeNull();
  });

  it('is skipped, saying how to run it, unless BENCH_PEER=1', async () => {
    const setup = await peerSetup({});
    expect(setup).toMatchObject({ enabled: false });
    expect(setup.enabled === false && setup.reason).toContain('BENCH_PEER=1');
  });

  it('is skipped, saying why, when its folder holds no peer', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'auditdesk-no-peer-'));
    try {
      const setup = await peerSetup({ BENCH_PEER: '1', BENCH_PEER_DIR: empty });
      expect(setup.enabled === false && setup.reason).toContain(`no bench.mjs in ${empty}`);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
