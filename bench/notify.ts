import { loadavg } from 'node:os';
import type { Watch } from '../shared/api-client';
import { EMAILS, PASSWORD, startBackend } from '../test/e2e/support/backend';
import buildExtension from '../test/e2e/support/build-extension';
import { launchWithExtension } from '../test/e2e/support/chromium';
import { ExtensionWorker } from '../test/e2e/support/extension-worker';
import { PopupPage } from '../test/e2e/support/popup-page';

/*
 * The notification benchmark (BENCH_ONLY=notify): how soon a matching
 * change reaches the person as a desktop notification. In Chromium with the
 * built extension signed in as the lead, who watches CHANGES conversations
 * (one watch each, so no change joins another's burst), an agent changes
 * them one at a time through the API. Measured per change: from the time
 * the change was recorded (its audit row's occurredAt, taken inside the
 * transaction, just before the commit) to the background's showNotification
 * resolving, timed in the service worker by a probe around it (the clocks
 * are the same machine's wall clock). Also shown: from the PATCH's answer
 * reaching the client, which the notification often beats (negative). Uses the e2e harness: the real
 * backend on 127.0.0.1 over HTTP.
 */

const CHANGES = 40;
const WARM_UP = 3;
const PAUSE_MS = 150;
const P50_TARGET_MS = 1_000;
const WAIT_MS = 10_000;

/** Installed in the worker: notes when each showNotification call has shown its notification. */
const PROBE = `(() => {
  const registration = self.registration;
  const show = registration.showNotification.bind(registration);
  self.__shownAt = [];
  registration.showNotification = (title, options) => show(title, options).then(() => { self.__shownAt.push(Date.now()); });
})()`;

export async function runNotifyBenchmark(log: (message: string) => void): Promise<boolean> {
  log('notify: wxt build');
  buildExtension();
  const backend = await startBackend();
  const ext = await launchWithExtension().catch(async (error: unknown) => {
    await backend.stop();
    throw error;
  });
  try {
    const worker = new ExtensionWorker(ext);
    await worker.grantNotifications();
    const { agent, lead } = backend.api;
    const customer = await agent.json<{ id: string }>('POST', '/api/v1/customers', { name: 'Nora Bench', emails: ['nora.bench@example.com'] });
    const conversations: string[] = [];
    for (let i = 0; i < WARM_UP + CHANGES; i++) {
      const { id } = await agent.json<{ id: string }>('POST', '/api/v1/conversations', { customerId: customer.id, name: `Bench conversation ${i + 1}` });
      await lead.json<Watch>('POST', '/api/v1/watches', { subject: { type: 'conversation', id } });
      conversations.push(id);
    }
    const popup = await PopupPage.open(ext);
    await popup.signIn({ backendUrl: backend.url, email: EMAILS.lead, password: PASSWORD });
    await popup.close();
    await worker.waitForBadge('');
    await worker.evaluate(PROBE);

    log(`notify: ${WARM_UP} warm-up and ${CHANGES} measured changes, each to a conversation the lead watches`);
    const fromChange: number[] = [];
    const fromAnswer: number[] = [];
    for (const [i, id] of conversations.entries()) {
      const before = await worker.evaluate<number>('self.__shownAt.length');
      await agent.patchConversation(id, { priority: 'urgent' });
      const answeredAt = Date.now();
      const shownAt = await nextShown(worker, before);
      const change = await agent.newestChangeOf(id, 'priority');
      if (i >= WARM_UP) {
        fromChange.push(shownAt - Date.parse(change.occurredAt));
        fromAnswer.push(shownAt - answeredAt);
      }
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    }
    return report(fromChange, fromAnswer);
  } finally {
    await ext.close();
    await backend.stop();
  }
}

async function nextShown(worker: ExtensionWorker, before: number): Promise<number> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const at = await worker.evaluate<number | null>(`self.__shownAt[${before}] ?? null`);
    if (at !== null) return at;
    if (Date.now() > deadline) throw new Error(`no notification was shown within ${WAIT_MS} ms of the change`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function percentiles(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
  return { p50: pct(0.5), p95: pct(0.95), min: sorted[0] ?? Number.NaN, max: sorted.at(-1) ?? Number.NaN, n: sorted.length };
}

function report(fromChange: number[], fromAnswer: number[]): boolean {
  const change = percentiles(fromChange);
  const answer = percentiles(fromAnswer);
  const ok = change.p50 <= P50_TARGET_MS;
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  const rows: Array<[string, string, string]> = [
    ['a  change recorded → notification shown, p50', ms(change.p50), `≤ ${P50_TARGET_MS} ms ${ok ? 'ok' : 'MISSED'}`],
    ['   p95', ms(change.p95), `${change.n} changes after ${WARM_UP} warm-up`],
    ['   min / max', `${ms(change.min)} / ${ms(change.max)}`, ''],
    ['b  PATCH answered → notification shown, p50 / p95', `${ms(answer.p50)} / ${ms(answer.p95)}`, 'negative: shown before the answer arrived'],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const [load1] = loadavg();
  console.log(`\nAuditdesk notification benchmark (headless Chromium, load average ${load1?.toFixed(2)} at the end)\n`);
  for (const [label, value, note] of rows) console.log(`${label.padEnd(w0)}  ${value.padStart(w1)}  ${note}`);
  console.log('');
  return ok;
}
