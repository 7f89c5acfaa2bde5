import { createClient } from '@libsql/client';
import { filePathOf } from '../backend/db/client';
import { NativeClient } from '../backend/db/native-client';
import { NativeConnection } from '../backend/db/native-connection';
import type { BenchWorkspace } from './fixtures';
import { runRawCeiling } from './raw-ceiling';

/*
 * Runs the raw ceiling in a process of its own, away from the bench's server
 * and its load generator, on plain @libsql/client or on the backend's own
 * embedded driver (one connection either way).
 * Arguments: databaseUrl seconds libsql-client|auditdesk; the workspace as JSON on stdin.
 */
const [databaseUrl, seconds, driver] = process.argv.slice(2);
if (!databaseUrl || !seconds || (driver !== 'libsql-client' && driver !== 'auditdesk')) {
  throw new Error('usage: raw-ceiling-child databaseUrl seconds libsql-client|auditdesk');
}

let input = '';
for await (const chunk of process.stdin) input += String(chunk);
const workspace = JSON.parse(input) as BenchWorkspace;
const client =
  driver === 'auditdesk'
    ? new NativeClient(new NativeConnection(filePathOf(databaseUrl)))
    : createClient({ url: databaseUrl, concurrency: 1 });
const result = await runRawCeiling(client, workspace, Number(seconds));
process.stdout.write(JSON.stringify(result));
