import { installStatementCache } from '../backend/db/statement-cache';
import type { BenchWorkspace } from './fixtures';
import { runRawCeiling } from './raw-ceiling';

/*
 * Runs the raw ceiling in a process of its own, so that it measures plain
 * @libsql/client — the bench process has loaded the backend, whose statement
 * cache patches libsql — unless asked to measure it with that cache.
 * Arguments: databaseUrl seconds [--statement-cache]; the workspace as JSON on stdin.
 */
const [databaseUrl, seconds, flag] = process.argv.slice(2);
if (!databaseUrl || !seconds) throw new Error('usage: raw-ceiling-child databaseUrl seconds [--statement-cache]');
if (flag === '--statement-cache') installStatementCache();

let input = '';
for await (const chunk of process.stdin) input += String(chunk);
const workspace = JSON.parse(input) as BenchWorkspace;
const result = await runRawCeiling(databaseUrl, workspace, Number(seconds));
process.stdout.write(JSON.stringify(result));
