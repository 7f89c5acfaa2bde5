import { join } from 'node:path';
import { prepareWorkspace, seedAgent } from './fixtures';
import { auditdeskTarget, type HttpUpdatesResult, runLoad, type UpdateTarget } from './http-updates';
import { startServer } from './server';

/**
 * The write benchmark's load split between the running server and a second
 * one on a database of its own (a new file in `dir`): nothing is shared, no
 * lock, no WAL, no write queue, no coordination of any kind. It shows what
 * this machine gives when the same per-update work runs on both of its cores
 * at once: about the most any split of one server's work between them could
 * give (a writer thread, several processes on one file), since those do the
 * same work and coordinate besides; only their groups could be larger (one
 * writer fed by all the connections).
 */
export async function runTwoServers(
  first: UpdateTarget,
  dir: string,
  options: { connections: number; seconds: number; conversations: number },
): Promise<HttpUpdatesResult> {
  const databaseUrl = `file:${join(dir, 'second.db')}`;
  const agent = await seedAgent(databaseUrl);
  const server = await startServer(databaseUrl);
  try {
    const workspace = await prepareWorkspace(server.url, agent, options.conversations);
    const second: UpdateTarget = { ...workspace, baseUrl: server.url, databaseUrl, serverCpuSeconds: server.cpuSeconds };
    return await runLoad([auditdeskTarget(first), auditdeskTarget(second)], options);
  } finally {
    await server.stop();
  }
}
