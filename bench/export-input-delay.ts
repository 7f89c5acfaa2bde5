import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import type { Page } from 'puppeteer-core';
import buildExtension from '../test/e2e/support/build-extension';
import { launchWithExtension } from '../test/e2e/support/chromium';
import { Downloads } from '../test/e2e/support/downloads';
import { ExportControl } from '../test/e2e/support/export-control';
import { PopupPage } from '../test/e2e/support/popup-page';
import { type BenchPerson, generateMillionEvents } from './million-events';
import { startServer } from './server';

/*
 * Whether the audit page stays responsive while it exports a large log
 * (`npx tsx bench/export-input-delay.ts`). A measurement, not a test: it
 * prints figures. EXPORT_EVENTS sets the log's size (1,000,000 by default);
 * EXPORT_KEEP_DIR=dir keeps the generated log there and reuses it next time.
 *
 * The log is generated as the read benchmark does and served by the real
 * server in its own process; Chromium runs the built extension signed in as
 * the admin. On the options page (where the export control sits until the
 * audit page has its toolbar) a key is pressed in a text field every
 * INTERVAL_MS while the whole log downloads, twice:
 * - baseline: the page only fetches the export into a Blob (response.blob(),
 *   no JavaScript per chunk): what the browser itself costs the page;
 * - export: the Export button (its worker downloads, counts and gathers the
 *   file; the page shows progress and saves it).
 * Input delay is measured in the page for every key, from the event's
 * timestamp (when the browser received it) to the start of a keydown
 * listener, and by the Event Timing API (`processingStart - startTime`, for
 * keys of 16 ms or more). Long tasks (PerformanceObserver `longtask`) are
 * counted alongside. The saved file's rows are checked against the database.
 */

const EVENTS = Number(process.env.EXPORT_EVENTS ?? 1_000_000);
const INTERVAL_MS = 50;
const TARGET_MS = 100;
const EXPORT_TIMEOUT_MS = 30 * 60_000;

interface PageFigures {
  listener: number[];
  /** When each key arrived (performance.now() of the page), in step with `listener`. */
  keyTimes: number[];
  eventTiming: number[];
  longTasks: number[];
  longTaskTimes: number[];
  /** performance.now() of the page as the measured work began. */
  began: number;
}

const log = (message: string) => console.log(`[export-input-delay] ${message}`);

async function main(): Promise<void> {
  const keep = process.env.EXPORT_KEEP_DIR;
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'auditdesk-export-delay-'));
  const databaseUrl = `file:${join(dir, 'log.db')}`;
  log('building the extension');
  buildExtension();
  const admin = await generatedLog(dir, databaseUrl);
  // A server opening a freshly generated million-row file on a busy machine took over the default 30 s.
  const server = await startServer(databaseUrl, { startTimeoutMs: 180_000 });
  const ext = await launchWithExtension();
  const downloads = await Downloads.into(ext.browser);
  try {
    const popup = await PopupPage.open(ext);
    await popup.signIn({ backendUrl: server.url, email: admin.email, password: admin.password });
    await popup.close();
    const control = await ExportControl.open(ext, new URLSearchParams());
    await control.page.evaluate(installProbes);
    await control.page.focus('#options-origin');

    const baseline = await whileTyping(control.page, () => control.page.evaluate(fetchIntoBlob));
    report('baseline (response.blob() only)', baseline.figures, baseline.seconds, `${(baseline.result / 1e6).toFixed(0)} MB`);

    const exported = await whileTyping(control.page, () => downloads.expect(() => control.start(), EXPORT_TIMEOUT_MS));
    const shown = await control.result();
    const rows = Number(/Saved ([\d,]+) rows/.exec(shown)?.[1]?.replaceAll(',', '') ?? NaN);
    report('export (ExportButton)', exported.figures, exported.seconds, `${(statSync(exported.result.path).size / 1e6).toFixed(0)} MB`);
    log(shown);
    if (keep) copyFileSync(exported.result.path, join(dir, 'last-export.csv'));
    await server.stop();
    const inDatabase = await exportedRowsIn(databaseUrl);
    log(`${rows === inDatabase ? 'rows match' : 'ROWS DIFFER'}: the control says ${rows.toLocaleString('en-US')}, the database held ${inDatabase.toLocaleString('en-US')} rows when it ran`);
  } finally {
    await downloads.close();
    await ext.close();
    await server.stop();
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** The generated log's admin; generated now unless EXPORT_KEEP_DIR holds one already. */
async function generatedLog(dir: string, databaseUrl: string): Promise<BenchPerson> {
  const saved = join(dir, 'admin.json');
  if (existsSync(saved)) {
    log(`reusing the log in ${dir}`);
    return JSON.parse(readFileSync(saved, 'utf8')) as BenchPerson;
  }
  mkdirSync(dir, { recursive: true });
  log(`generating ${EVENTS.toLocaleString('en-US')} audit events`);
  const data = await generateMillionEvents(databaseUrl, { events: EVENTS, customers: 2_000, conversations: 20_000, log });
  writeFileSync(saved, JSON.stringify(data.admin));
  return data.admin;
}

/** Presses a key every INTERVAL_MS until `work` ends; the page's figures meanwhile. */
async function whileTyping<T>(page: Page, work: () => Promise<T>): Promise<{ result: T; figures: PageFigures; seconds: number }> {
  await page.evaluate(() => {
    const probes = (window as unknown as { probes: PageFigures }).probes;
    probes.listener.length = probes.keyTimes.length = probes.eventTiming.length = probes.longTasks.length = probes.longTaskTimes.length = 0;
    probes.began = performance.now();
  });
  let running = true;
  const began = performance.now();
  const done = work().finally(() => {
    running = false;
  });
  while (running) {
    await page.keyboard.press('a');
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
  }
  const result = await done;
  const seconds = (performance.now() - began) / 1000;
  const figures = await page.evaluate(() => (window as unknown as { probes: PageFigures }).probes);
  return { result, figures, seconds };
}

function report(what: string, figures: PageFigures, seconds: number, size: string): void {
  const delays = [...figures.listener].sort((a, b) => a - b);
  const worst = Math.max(delays.at(-1) ?? 0, ...figures.eventTiming);
  log(`${what}: ${size} in ${seconds.toFixed(1)} s, load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  log(`  input delay over ${delays.length} keys: p50 ${ms(pct(delays, 0.5))}, p95 ${ms(pct(delays, 0.95))}, p99 ${ms(pct(delays, 0.99))}, max ${ms(worst)} ms`);
  log(`  keys of 16 ms or more (Event Timing): ${figures.eventTiming.length}; long tasks: ${figures.longTasks.length}, longest ${ms(Math.max(0, ...figures.longTasks))} ms`);
  // When the slowest moments came, as seconds into the work: during the download, or as the file was saved.
  const at = (time: number) => `${((time - figures.began) / 1000).toFixed(1)} s`;
  const worstKey = figures.listener.indexOf(Math.max(...figures.listener));
  log(`  slowest key at ${at(figures.keyTimes[worstKey] ?? figures.began)}; long tasks at ${figures.longTaskTimes.map(at).join(', ') || '—'} (of ${seconds.toFixed(1)} s)`);
  log(`  ${worst < TARGET_MS ? 'met' : 'MISSED'}: every input delay under ${TARGET_MS} ms`);
}

/** Runs in the page: records each key's input delay, the Event Timing entries and the long tasks. */
function installProbes(): void {
  const probes: PageFigures = { listener: [], keyTimes: [], eventTiming: [], longTasks: [], longTaskTimes: [], began: 0 };
  (window as unknown as { probes: PageFigures }).probes = probes;
  addEventListener(
    'keydown',
    (event) => {
      probes.listener.push(performance.now() - event.timeStamp);
      probes.keyTimes.push(event.timeStamp);
    },
    { capture: true },
  );
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as PerformanceEventTiming[]) {
      if (entry.name === 'keydown') probes.eventTiming.push(entry.processingStart - entry.startTime);
    }
  }).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      probes.longTasks.push(entry.duration);
      probes.longTaskTimes.push(entry.startTime);
    }
  }).observe({ type: 'longtask' });
}

/** Runs in the page: the whole log into a Blob with no JavaScript per chunk; its size. */
async function fetchIntoBlob(): Promise<number> {
  type SessionArea = { get(key: string): Promise<Record<string, unknown>> };
  const area = (globalThis as unknown as { chrome: { storage: { session: SessionArea } } }).chrome.storage.session;
  const { auth } = (await area.get('auth')) as { auth: { token: string; backendUrl: string } };
  const response = await fetch(`${auth.backendUrl}/api/v1/audit/export?format=csv`, { headers: { authorization: `Bearer ${auth.token}` } });
  return (await response.blob()).size;
}

/** The audit rows the last export of the whole log held: every row written before its own record (written as it ended). */
async function exportedRowsIn(databaseUrl: string): Promise<number> {
  const client = createClient({ url: databaseUrl });
  try {
    const rows = await client.execute("select count(*) as n from audit_events where rowid < (select max(rowid) from audit_events where event = 'export')");
    return Number(rows.rows[0]?.n);
  } finally {
    client.close();
  }
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

function ms(value: number): string {
  return value.toFixed(1);
}

await main();
