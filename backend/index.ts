import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp } from './app';
import { loadSigningKey } from './audit/checkpoints/key';
import { checkpointJob } from './audit/checkpoints/schedule';
import { startRetentionPurge } from './audit/retention/scheduler';
import { verificationJob } from './audit/verify/schedule';
import { idempotencyPruneJob } from './integration/idempotency-prune';
import { createStreamWorker } from './integration/streams/worker';
import { startAccessDeniedSweep } from './auth/access-denied-sweep';
import { bootstrap } from './bootstrap';
import { progressPrinter } from './demo/progress';
import { describeSummary, seedDemoIfEmpty } from './demo/seed';
import { authPolicyFrom, parseEnv } from './env';
import { serveApp } from './http/serve';
import { createLogger } from './logger';
import { notificationPruneJob } from './notifications/prune';
import { periodicJob } from './schedule/every';

let env;
let signing;
try {
  env = parseEnv(process.env);
  signing = loadSigningKey({ key: env.AUDITDESK_SIGNING_KEY, keyFile: env.AUDITDESK_SIGNING_KEY_FILE, databaseUrl: env.DATABASE_URL });
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const log = createLogger(env.LOG_LEVEL);
const deps = await bootstrap({
  databaseUrl: env.DATABASE_URL,
  databaseAuthToken: env.DATABASE_AUTH_TOKEN,
  synchronous: env.DATABASE_SYNCHRONOUS,
  policy: authPolicyFrom(env),
  secret: env.AUDITDESK_SECRET,
  signing,
  schedule: { checkpointMinutes: env.AUDITDESK_CHECKPOINT_MINUTES, verifyMinutes: env.AUDITDESK_VERIFY_MINUTES },
  log,
});

if (env.AUDITDESK_SEED === 'demo') {
  // Only an empty database is seeded; later starts skip this at once.
  const printer = progressPrinter();
  const summary = await seedDemoIfEmpty(deps, { progress: printer.update });
  if (summary) printer.done(describeSummary(summary));
}

const server = await serveApp(createApp(deps), { port: env.PORT, hostname: env.HOST });
console.log(`Auditdesk is listening on http://${env.HOST}:${server.port}`);
console.log(`  Agent workspace: http://${env.HOST}:${server.port}/workspace`);
console.log(`  Database: ${env.DATABASE_URL}`);
if (env.AUDITDESK_SEED === 'demo') {
  console.log('  Demo sign-in: admin@demo.test, lead@demo.test, agent@demo.test, agent2@demo.test');
  console.log('  Demo password: auditdesk-demo   (npm run serve for real use: no demo, no demo passwords)');
}
printExtensionHint(`http://${env.HOST}:${server.port}`);

/** `npm start` builds the extension first; say where it is and how to sign in to it. */
function printExtensionHint(backendUrl: string) {
  const built = resolve('.output/chrome-mv3');
  if (!existsSync(built)) {
    console.log('  Chrome extension: not built yet (npm run build)');
    return;
  }
  console.log(`  Chrome extension: chrome://extensions → Developer mode → Load unpacked → ${built}`);
  console.log(`    then sign in from its toolbar popup with backend URL ${backendUrl}`);
}

// Sessions that expire without being seen again would otherwise stay in the table: hourly, in one process of those on the database.
const sessionSweep = periodicJob(deps, { name: 'session-sweep', intervalMs: 60 * 60_000, run: () => deps.lucia.deleteExpiredSessions() });
sessionSweep.start();

// Audit rows older than each workspace's retention: once an hour across the processes on the database (at start if none ran it this hour).
const retentionPurge = startRetentionPurge(deps);

// Each workspace's chain head, signed every AUDITDESK_CHECKPOINT_MINUTES if it moved, in one process of those on the database.
const checkpoints = checkpointJob(deps);
checkpoints.start();

// Each workspace's chain, verified every AUDITDESK_VERIFY_MINUTES (from its last verified checkpoint), and the run recorded.
const verification = verificationJob(deps);
verification.start();

// Repeated refusals are counted per window; this writes the count of a window no later refusal closed.
const accessDeniedSweep = startAccessDeniedSweep(deps);

// Stream entries older than a week, notifications unchanged for 90 days: once an hour across the processes on the database.
const notificationPrune = notificationPruneJob(deps);
notificationPrune.start();

// Answers to Idempotency-Keys and receipts of helpdesk deliveries older than 48 hours: once an hour across the processes on the database.
const idempotencyPrune = idempotencyPruneJob(deps);
idempotencyPrune.start();

// Outbound log streams: each active destination delivered by one process of those on the database (it holds the destination's lease).
const streamWorker = createStreamWorker(deps, { root: resolve(env.AUDITDESK_STREAM_ROOT), pollMs: env.AUDITDESK_STREAM_POLL_MS });
streamWorker.start();

const SHUTDOWN_GRACE_MS = 2_000;

function shutdown() {
  accessDeniedSweep.stop();
  // The leases are given up, so another process takes these schedules and stream destinations over at once.
  const schedules = Promise.all([
    retentionPurge.stop(),
    checkpoints.stop(),
    verification.stop(),
    idempotencyPrune.stop(),
    notificationPrune.stop(),
    sessionSweep.stop(),
    streamWorker.stop(),
  ]);
  void server.close().then(async () => {
    await schedules;
    await deps.writes.whenIdle();
    deps.db.close();
    process.exit(0);
  });
  // Live streams never end by themselves: other requests get a moment to
  // finish, then the streams are dropped (clients resume with Last-Event-ID).
  setTimeout(() => server.server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
