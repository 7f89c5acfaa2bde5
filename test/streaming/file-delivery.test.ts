import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StreamWorker } from '../../backend/integration/streams/worker';
import type { StreamDestination } from '../../shared/api-client-integration-responses';
import { bodyOf } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { loggedSeqs, makeCustomers, testWorker } from '../support/streaming';

let dir: string;
let root: string;
let ws: TestWorkspace;
let clock: number;
const workers: StreamWorker[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'auditdesk-stream-files-'));
  root = join(dir, 'streams');
  clock = Date.UTC(2026, 11, 3, 9, 0, 0);
  ws = await createTestWorkspace({ now: () => new Date(clock) });
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

function worker(): StreamWorker {
  const made = testWorker(ws.deps, { root });
  workers.push(made);
  return made;
}

async function createFileDestination(body: Record<string, unknown>): Promise<StreamDestination> {
  const res = await ws.call('POST', '/api/v1/stream-destinations', {
    token: ws.tokens.admin,
    body: { kind: 'jsonl_file', name: 'Archive', directory: 'archive', startAt: 'oldest', ...body },
  });
  return bodyOf(res, 201);
}

const folder = () => join(root, ws.orgId, 'archive');
/** The destination's files in name order, which is the order they were written in. */
const files = () => readdirSync(folder()).sort();
/** Every file's lines, the files concatenated in name order. */
function lines(): string[] {
  const text = files()
    .map((name) => readFileSync(join(folder(), name), 'utf8'))
    .join('');
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}
const seqsInFiles = () => lines().map((line) => (JSON.parse(line) as { seq: number }).seq);

describe('a JSON Lines file destination', () => {
  it('rotates by size without losing or splitting a line: the files together hold every event once, in order', async () => {
    const created = await createFileDestination({ rotateBytes: 2_048 });
    await makeCustomers(ws, 25);
    await worker().tick();

    expect(seqsInFiles()).toEqual(await loggedSeqs(ws));
    expect(files().length).toBeGreaterThan(3);
    for (const name of files()) {
      const text = readFileSync(join(folder(), name), 'utf8');
      expect(text.endsWith('\n'), name).toBe(true);
      // Past the size only when one line alone is larger.
      if (text.split('\n').length > 2) expect(statSync(join(folder(), name)).size, name).toBeLessThanOrEqual(2_048);
    }
    const health = (await bodyOf<StreamDestination>(await ws.call('GET', `/api/v1/stream-destinations/${created.id}`, { token: ws.tokens.admin }), 200)).health;
    expect(health).toMatchObject({ state: 'caught_up', currentFile: files().at(-1) });
  });

  it('rotates by age, and a restarted worker goes on writing the file it was writing', async () => {
    await createFileDestination({ rotateMinutes: 1, rotateBytes: 1_048_576 });
    const first = worker();
    await makeCustomers(ws, 2, 'First');
    await first.tick();
    clock += 30_000;
    await makeCustomers(ws, 2, 'Second');
    await first.tick();
    expect(files()).toHaveLength(1);

    clock += 30_000;
    await makeCustomers(ws, 2, 'Third');
    await first.tick();
    expect(files()).toHaveLength(2);

    // A new worker (as after a restart) knows the second file's age and size from the database.
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    clock += 10_000;
    await makeCustomers(ws, 1, 'After restart');
    await worker().tick();
    expect(files()).toHaveLength(2);
    expect(seqsInFiles()).toEqual(await loggedSeqs(ws));
  });

  it('cuts off a line written but never confirmed (the server stopped mid-write) and writes it again whole', async () => {
    await createFileDestination({});
    const writing = worker();
    await makeCustomers(ws, 2);
    await writing.tick();
    // What a stop between writing and recording leaves: bytes past the confirmed size, here part of a long line.
    appendFileSync(join(folder(), files()[0]!), `{"id":"01HALFWRITTEN","after":"${'x'.repeat(5_000)}`);
    await makeCustomers(ws, 1, 'Later');
    await writing.tick();

    expect(files()).toHaveLength(1);
    for (const line of lines()) expect(() => JSON.parse(line)).not.toThrow();
    expect(seqsInFiles()).toEqual(await loggedSeqs(ws));
  });

  it('writes under the stream root, in a folder of the workspace named by the destination, unreadable to other users of the machine', async () => {
    await createFileDestination({});
    await worker().tick();
    expect(files()[0]).toMatch(/^auditdesk-\d{12}-2026-12-03T09-00-00\.000Z\.jsonl$/);
    // Personal data: not readable by other users of the machine.
    expect(statSync(join(folder(), files()[0]!)).mode & 0o007).toBe(0);
  });
});
