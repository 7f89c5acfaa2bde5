import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import type { Page } from 'puppeteer-core';
import buildExtension from '../test/e2e/support/build-extension';
import { type ExtensionBrowser, launchWithExtension } from '../test/e2e/support/chromium';
import { PopupPage } from '../test/e2e/support/popup-page';
import { generateMillionEvents, type MillionEvents } from './million-events';
import { type RunningServer, startServer } from './server';

/*
 * The audit page's benchmark (BENCH_ONLY=page): the extension's options page
 * on a 1,000,000-event log (BENCH_EVENTS), generated as the read benchmark
 * does and served by the real server in its own process; headless Chromium
 * with the built extension, signed in as the admin through its popup.
 * Every time is taken in the page itself (performance.now(), whose origin
 * is the page's navigation start), so node's and CDP's overheads are not
 * counted. "Rows shown" is the animation frame after the first
 * `log-row` element is in the DOM (a MutationObserver installed before any
 * script of the page runs), i.e. the frame that paints them.
 * a) opening: options.html loaded LOADS times → rows shown;
 * b) a filter change: the filter applied as a person does (the query box's
 *    text set, then its form submitted; the seed's Filter form for
 *    Settings → Business Rules), from the submit to the first row of the new
 *    list shown; five filters in turn, ROUNDS times;
 * c) scrolling 10,000 rows: the list scrolled by SCROLL_PX_PER_FRAME each
 *    animation frame (pages load as the list nears its end, as they do for a
 *    reader), PerformanceObserver `longtask` counting every task over 50 ms;
 * d) input delay during an export of the whole log: a key pressed in the
 *    query box every KEY_INTERVAL_MS while it runs, each key's delay from
 *    its event timestamp to the first keydown listener (and Event Timing's
 *    processingStart − startTime for keys of 16 ms or more). The page's
 *    export control (`export-start`) is used when the page has one;
 *    otherwise the page streams /audit/export itself with the session's
 *    token and counts rows per chunk, as the export does (said in the output).
 * Knobs: BENCH_EVENTS (1,000,000), BENCH_PAGE_LOADS (20), BENCH_PAGE_ROUNDS (4),
 * BENCH_PAGE_PROFILE=dir (write the page's CPU profiles of b, c and d and a
 * performance trace of c there: where a missed target's time goes),
 * BENCH_PAGE_KEEP_DIR=dir (keep the generated log there and reuse it next time).
 */

const EVENTS = positiveInt('BENCH_EVENTS', 1_000_000);
const LOADS = positiveInt('BENCH_PAGE_LOADS', 20);
const ROUNDS = positiveInt('BENCH_PAGE_ROUNDS', 4);
const WARM_UP = 2;
const SCROLL_ROWS = 10_000;
const SCROLL_PX_PER_FRAME = 400;
const KEY_INTERVAL_MS = 50;
const OPEN_P50_TARGET_MS = 300;
const FILTER_P50_TARGET_MS = 150;
const LONG_TASK_TARGET_MS = 50;
const INPUT_DELAY_TARGET_MS = 100;
const WAIT_MS = 30_000;
const EXPORT_TIMEOUT_MS = 10 * 60_000;
const PROFILE_DIR = process.env.BENCH_PAGE_PROFILE || undefined;
const KEEP_DIR = process.env.BENCH_PAGE_KEEP_DIR || undefined;

let active: { dir: string; server?: RunningServer; ext?: ExtensionBrowser } | undefined;

/** Closes the browser and server and removes the temp files (for the orchestrator's abort path); safe to call twice. */
export async function stopPageBenchmark(): Promise<void> {
  const current = active;
  active = undefined;
  if (!current) return;
  await current.ext?.close().catch(() => undefined);
  await current.server?.stop();
  rmSync(current.dir, { recursive: true, force: true });
}

interface Timing {
  p50: number;
  p95: number;
  min: number;
  max: number;
  n: number;
}

interface FilterTiming {
  name: string;
  how: string;
  timing: Timing & { samples: number[] };
}

interface ScrollResult {
  rows: number;
  seconds: number;
  frames: number;
  longTasks: number[];
}

interface ExportResult {
  how: string;
  seconds: number;
  rows: number | null;
  delays: Timing;
  eventTimingMax: number;
  longTasks: number[];
}

export async function runPageBenchmark(log: (message: string) => void): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'auditdesk-page-'));
  active = { dir };
  const databaseUrl = `file:${join(KEEP_DIR ?? dir, 'page.db')}`;
  try {
    log('page: wxt build');
    buildExtension();
    const data = await generatedLog(databaseUrl, log);
    const conversations = await conversationsWithEvents(databaseUrl);
    // A server opening a freshly generated million-row file on a busy machine can take over the default 30 s.
    const server = await startServer(databaseUrl, { startTimeoutMs: 180_000 });
    active.server = server;
    const ext = await launchWithExtension();
    active.ext = ext;
    const popup = await PopupPage.open(ext);
    await popup.signIn({ backendUrl: server.url, email: data.admin.email, password: data.admin.password });
    await popup.close();
    log(`page: signed in as the admin on ${server.url}`);

    const page = await ext.browser.newPage();
    await page.evaluateOnNewDocument(PROBES);
    const open = await openTimes(page, ext, await serverProbe(server.url, data.admin), log);
    log(`page: opening → rows p50 ${ms(open.quiet.p50)} p95 ${ms(open.quiet.p95)}; back to back p50 ${ms(open.backToBack.p50)}`);
    const filters = await profiled(page, 'filters', () => filterTimes(page, data, conversations, log));
    const scroll = await scrollRows(page, ext, log);
    const exported = await inputDelayDuringExport(page, ext, log);
    return report(open, filters, scroll, exported);
  } finally {
    await stopPageBenchmark();
  }
}

/**
 * Runs before any script of every document of the tab: in the extension's
 * pages, notes when the first log row is shown, records long tasks, each
 * key's input delay and Event Timing entries, and gives the bench its
 * in-page helpers. A string, not a function: tsx would wrap named inner
 * functions in a helper the page lacks.
 */
const PROBES = `(() => {
  if (location.protocol !== 'chrome-extension:') return;
  const ROW = '[data-testid="log-row"]';
  const bench = { firstRowAt: undefined, longTasks: [], delays: [], eventTiming: [] };
  window.__bench = bench;
  const frameAfter = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
  const firstRow = new MutationObserver(() => {
    if (bench.firstRowAt !== undefined || document.querySelector(ROW) === null) return;
    bench.firstRowAt = null;
    firstRow.disconnect();
    frameAfter().then((at) => { bench.firstRowAt = at; });
  });
  firstRow.observe(document, { childList: true, subtree: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  addEventListener('keydown', (event) => { bench.delays.push(performance.now() - event.timeStamp); }, { capture: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'keydown') bench.eventTiming.push(entry.processingStart - entry.startTime);
  }).observe({ type: 'event', durationThreshold: 16 });

  /** Submits the form, resolves with the time until a row that was not on screen before is shown. */
  bench.changeBy = (formSelector) => new Promise((resolve, reject) => {
    const form = document.querySelector(formSelector);
    if (!form) return reject(new Error('no form ' + formSelector));
    const before = new Set(document.querySelectorAll(ROW));
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('no new rows after 30 s for ' + formSelector + ': address ' + location.search + ', status "' + document.querySelector('[data-testid="log-status"]')?.textContent + '", query error "' + (document.querySelector('[data-testid="log-query-error"]')?.textContent ?? '') + '", query box "' + document.querySelector('[data-testid="log-query"]')?.value + '"')); }, 30000);
    const observer = new MutationObserver(() => {
      const rows = document.querySelectorAll(ROW);
      for (const row of rows) {
        if (before.has(row)) continue;
        observer.disconnect();
        clearTimeout(timer);
        frameAfter().then((at) => resolve(at - began));
        return;
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const began = performance.now();
    form.requestSubmit();
  });

  /** Sets the query box's text as typing would, then submits it. */
  bench.query = (text) => {
    const input = document.querySelector('[data-testid="log-query"]');
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return bench.changeBy('form.query-box');
  };

  /** Scrolls the log's list down through \`rows\` rows, px per animation frame; long tasks meanwhile. */
  bench.scroll = async (rows, pxPerFrame, rowHeight) => {
    const list = document.querySelector('[data-testid="log-table"] [data-testid="virtual-list"]');
    const goal = rows * rowHeight;
    const began = performance.now();
    let frames = 0;
    let stuckSince = null;
    while (list.scrollTop < goal) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      frames += 1;
      const bottom = list.scrollHeight - list.clientHeight;
      if (list.scrollTop >= bottom - 1) {
        stuckSince ??= performance.now();
        if (performance.now() - stuckSince > 30000) throw new Error('no more rows after 30 s at row ' + Math.round(list.scrollTop / rowHeight));
        continue;
      }
      stuckSince = null;
      list.scrollTop = Math.min(list.scrollTop + pxPerFrame, goal);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ended = performance.now();
    return {
      rows: Math.round(list.scrollTop / rowHeight),
      ms: ended - began,
      frames,
      longTasks: bench.longTasks.filter((task) => task.start >= began).map((task) => task.duration),
    };
  };

  /** The whole log streamed as the export does it (session token, rows counted per chunk); rows. */
  bench.streamExport = async () => {
    const { auth } = await chrome.storage.session.get('auth');
    const response = await fetch(auth.backendUrl + '/api/v1/audit/export?format=csv', { headers: { authorization: 'Bearer ' + auth.token } });
    if (!response.ok) throw new Error('export answered ' + response.status);
    const reader = response.body.getReader();
    let newlines = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (let i = 0; i < value.length; i += 1) if (value[i] === 10) newlines += 1;
    }
    return newlines - 1;
  };
})();`;

async function openLog(page: Page, ext: ExtensionBrowser, search = ''): Promise<number> {
  await page.goto(ext.extensionUrl(`options.html${search}`), { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => typeof (window as unknown as { __bench?: { firstRowAt?: number } }).__bench?.firstRowAt === 'number', {
    timeout: WAIT_MS,
  });
  return page.evaluate(() => (window as unknown as { __bench: { firstRowAt: number } }).__bench.firstRowAt);
}

/**
 * The loads, twice: each on a quiet server (the previous page's other
 * requests — the chart, the actor list — answered first), and back to back
 * (reloaded as soon as the rows show, the previous page's requests still on
 * the server).
 */
async function openTimes(page: Page, ext: ExtensionBrowser, server: ServerProbe, log: (message: string) => void): Promise<{ quiet: Timing; backToBack: Timing }> {
  log(`page: ${WARM_UP} warm-up and ${LOADS} measured loads of options.html (no filter: the whole log) on a quiet server, then ${LOADS} back to back`);
  const quiet: number[] = [];
  for (let i = 0; i < WARM_UP + LOADS; i++) {
    await server.quiet();
    const at = await openLog(page, ext);
    if (i >= WARM_UP) quiet.push(at);
  }
  const backToBack: number[] = [];
  for (let i = 0; i < LOADS; i++) backToBack.push(await openLog(page, ext));
  await server.quiet();
  return { quiet: timing(quiet), backToBack: timing(backToBack) };
}

interface ServerProbe {
  /** Resolves once the server answers a one-row page quickly twice in a row: nothing else is queued on it. */
  quiet(): Promise<void>;
}

const QUIET_ANSWER_MS = 50;

async function serverProbe(url: string, person: { email: string; password: string }): Promise<ServerProbe> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: person.email, password: person.password }),
  });
  if (!login.ok) throw new Error(`the bench could not sign in: ${login.status}`);
  const { token } = (await login.json()) as { token: string };
  return {
    async quiet() {
      const giveUp = performance.now() + 120_000;
      let quick = 0;
      while (quick < 2) {
        if (performance.now() > giveUp) throw new Error('the server stayed busy for 2 minutes');
        const began = performance.now();
        const response = await fetch(`${url}/api/v1/audit?limit=1`, { headers: { authorization: `Bearer ${token}` } });
        await response.arrayBuffer();
        quick = performance.now() - began < QUIET_ANSWER_MS ? quick + 1 : 0;
      }
    },
  };
}

interface FilterStep {
  name: string;
  how: string;
  apply(page: Page, round: number): Promise<number>;
}

/** The generated log; generated now unless BENCH_PAGE_KEEP_DIR holds one already. */
async function generatedLog(databaseUrl: string, log: (message: string) => void): Promise<MillionEvents> {
  const saved = KEEP_DIR ? join(KEEP_DIR, 'log.json') : undefined;
  if (saved && existsSync(saved)) {
    log(`page: reusing the log in ${KEEP_DIR}`);
    return JSON.parse(readFileSync(saved, 'utf8')) as MillionEvents;
  }
  if (KEEP_DIR) mkdirSync(KEEP_DIR, { recursive: true });
  log(`page: generating ${EVENTS.toLocaleString('en-US')} audit events into ${databaseUrl}`);
  const data = await generateMillionEvents(databaseUrl, { events: EVENTS, customers: 2_000, conversations: 20_000, log });
  if (saved) writeFileSync(saved, JSON.stringify(data));
  return data;
}

/** Conversations of the newest rows: each has events to show. */
async function conversationsWithEvents(databaseUrl: string): Promise<string[]> {
  const client = createClient({ url: databaseUrl });
  try {
    const result = await client.execute(
      'SELECT DISTINCT conversation_id AS id FROM (SELECT conversation_id FROM audit_events WHERE conversation_id IS NOT NULL ORDER BY rowid DESC LIMIT 200)',
    );
    return result.rows.map((row) => String(row.id));
  } finally {
    client.close();
  }
}

function filterSteps(data: MillionEvents, conversations: string[]): FilterStep[] {
  const query = (text: string) => (page: Page) => page.evaluate((t) => (window as unknown as { __bench: { query(t: string): Promise<number> } }).__bench.query(t), text);
  return [
    { name: 'a category', how: 'query box: type:conversation', apply: query('type:conversation') },
    {
      name: 'a conversation id',
      how: 'query box: conversation:<id>, a conversation of the newest rows, another each round',
      apply: (page, round) => query(`conversation:${conversations[round % conversations.length]}`)(page),
    },
    {
      name: 'Settings → Business Rules',
      how: 'Filter form: Event Type Settings, Section Business Rules, Apply',
      apply: async (page) => {
        await page.select('[data-testid="filter-event-type"]', 'settings');
        await page.waitForSelector('[data-testid="filter-section"] option[value="business_rules"]', { timeout: WAIT_MS });
        await page.select('[data-testid="filter-section"]', 'business_rules');
        return page.evaluate(() => (window as unknown as { __bench: { changeBy(s: string): Promise<number> } }).__bench.changeBy('[data-testid="filter-form"]'));
      },
    },
    { name: 'an actor by name', how: `query box: actor:"${data.admin.name}"`, apply: query(`actor:"${data.admin.name}"`) },
    { name: 'qualifiers with an exclusion', how: 'query box: type:conversation -event:update', apply: query('type:conversation -event:update') },
  ];
}

async function filterTimes(page: Page, data: MillionEvents, conversations: string[], log: (message: string) => void): Promise<FilterTiming[]> {
  const steps = filterSteps(data, conversations);
  log(`page: ${steps.length} filters in turn, ${ROUNDS} rounds after one warm-up round`);
  const times = steps.map(() => [] as number[]);
  for (let round = 0; round <= ROUNDS; round++) {
    for (const [i, step] of steps.entries()) {
      const took = await step.apply(page, round);
      if (round > 0) times[i]!.push(took);
    }
  }
  const measured = steps.map((step, i) => ({ name: step.name, how: step.how, timing: timing(times[i]!) }));
  for (const m of measured) log(`page: filter ${m.name}: p50 ${ms(m.timing.p50)} max ${ms(m.timing.max)}`);
  return measured;
}

async function scrollRows(page: Page, ext: ExtensionBrowser, log: (message: string) => void): Promise<ScrollResult> {
  await openLog(page, ext);
  const rowHeight = await page.$eval('[data-testid="log-row"]', (row) => row.getBoundingClientRect().height);
  log(`page: scrolling ${SCROLL_ROWS.toLocaleString('en-US')} rows of ${rowHeight} px, ${SCROLL_PX_PER_FRAME} px per frame`);
  type InPage = { __bench: { scroll(r: number, p: number, h: number): Promise<{ rows: number; ms: number; frames: number; longTasks: number[] }> } };
  const result = await traced(page, 'scroll', () =>
    profiled(page, 'scroll', () =>
      page.evaluate((rows, px, height) => (window as unknown as InPage).__bench.scroll(rows, px, height), SCROLL_ROWS, SCROLL_PX_PER_FRAME, rowHeight),
    ),
  );
  return { rows: result.rows, seconds: result.ms / 1000, frames: result.frames, longTasks: result.longTasks };
}

async function inputDelayDuringExport(page: Page, ext: ExtensionBrowser, log: (message: string) => void): Promise<ExportResult> {
  await openLog(page, ext);
  const control = await page.$('[data-testid="export-start"]');
  const how = control ? "the page's export control (export-start), CSV" : 'no export control on this page: the page streams /audit/export (CSV) and counts rows per chunk';
  log(`page: typing in the query box every ${KEY_INTERVAL_MS} ms during an export of the whole log: ${how}`);
  await page.focus('[data-testid="log-query"]');
  await page.evaluate(() => {
    const bench = (window as unknown as { __bench: { delays: number[]; eventTiming: number[] } }).__bench;
    bench.delays.length = 0;
    bench.eventTiming.length = 0;
  });
  const began = await page.evaluate(() => performance.now());
  let running = true;
  const work = (control ? exportWithControl(page) : page.evaluate(() => (window as unknown as { __bench: { streamExport(): Promise<number> } }).__bench.streamExport())).finally(() => {
    running = false;
  });
  while (running) {
    await page.keyboard.press('a');
    await new Promise((resolve) => setTimeout(resolve, KEY_INTERVAL_MS));
  }
  const rows = await profiled(page, 'export', () => work);
  const figures = await page.evaluate((from) => {
    const bench = (window as unknown as { __bench: { delays: number[]; eventTiming: number[]; longTasks: Array<{ start: number; duration: number }> } }).__bench;
    return {
      delays: bench.delays,
      eventTiming: bench.eventTiming,
      longTasks: bench.longTasks.filter((task) => task.start >= from).map((task) => task.duration),
      seconds: (performance.now() - from) / 1000,
    };
  }, began);
  return {
    how,
    seconds: figures.seconds,
    rows,
    delays: timing(figures.delays),
    eventTimingMax: Math.max(0, ...figures.eventTiming),
    longTasks: figures.longTasks,
  };
}

/** Runs `work`; with BENCH_PAGE_PROFILE, records the page's CPU profile meanwhile into <dir>/<name>.cpuprofile. */
async function profiled<T>(page: Page, name: string, work: () => Promise<T>): Promise<T> {
  if (!PROFILE_DIR) return work();
  const cdp = await page.createCDPSession();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    mkdirSync(PROFILE_DIR, { recursive: true });
    writeFileSync(join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
    await cdp.detach();
  }
}

/**
 * Runs `work`; with BENCH_PAGE_PROFILE, records a performance trace of the
 * browser meanwhile into <dir>/<name>.trace.json (tasks with their style,
 * layout, paint and script parts: a long task's rendering is not in a CPU profile).
 */
async function traced<T>(page: Page, name: string, work: () => Promise<T>): Promise<T> {
  if (!PROFILE_DIR) return work();
  mkdirSync(PROFILE_DIR, { recursive: true });
  await page.tracing.start({ path: join(PROFILE_DIR, `${name}.trace.json`), categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  try {
    return await work();
  } finally {
    await page.tracing.stop();
  }
}

/** Starts the page's export and waits for it to end; the rows it says it saved (null if it does not say). */
async function exportWithControl(page: Page): Promise<number | null> {
  await page.click('[data-testid="export-start"]');
  await page.waitForFunction(
    () => Boolean(document.querySelector('[data-testid="export-status"]')?.textContent?.includes('Saved') || document.querySelector('[data-testid="export-error"]')),
    { timeout: EXPORT_TIMEOUT_MS, polling: 500 },
  );
  const error = await page.$('[data-testid="export-error"]');
  if (error) throw new Error(`the export failed: ${await error.evaluate((el) => el.textContent)}`);
  const shown = await page.$eval('[data-testid="export-status"]', (el) => el.textContent ?? '');
  const rows = /Saved ([\d,]+) rows/.exec(shown)?.[1];
  return rows ? Number(rows.replaceAll(',', '')) : null;
}

function report(open: { quiet: Timing; backToBack: Timing }, filters: FilterTiming[], scroll: ScrollResult, exported: ExportResult): boolean {
  const all = timing(filters.flatMap((f) => f.timing.samples));
  const openOk = open.quiet.p50 <= OPEN_P50_TARGET_MS;
  const again = open.backToBack;
  const filterOk = all.p50 <= FILTER_P50_TARGET_MS;
  const longest = Math.max(0, ...scroll.longTasks);
  const scrollOk = scroll.longTasks.length === 0 && scroll.rows >= SCROLL_ROWS;
  const worstDelay = Math.max(exported.delays.max, exported.eventTimingMax);
  const delayP95Ok = exported.delays.p95 < INPUT_DELAY_TARGET_MS;
  const delayMaxOk = worstDelay < INPUT_DELAY_TARGET_MS;
  const mark = (ok: boolean) => (ok ? 'ok' : 'MISS');
  const rows: Array<[string, string, string, string, string]> = [
    ['a  open options.html → first rows shown, p50', ms(open.quiet.p50), `min ${ms(open.quiet.min)}, max ${ms(open.quiet.max)}`, `≤ ${OPEN_P50_TARGET_MS} ms`, mark(openOk)],
    ['   p95', ms(open.quiet.p95), `${open.quiet.n} loads after ${WARM_UP} warm-up, each once the server is quiet; navigation start → frame painting the first log-row`, '', ''],
    ['   reloaded back to back, p50', ms(again.p50), `p95 ${ms(again.p95)}, max ${ms(again.max)}; ${again.n} loads, each as soon as the last showed rows (its other requests still on the server)`, '', ''],
    ['b  filter change → new rows shown, p50', ms(all.p50), `p95 ${ms(all.p95)}, max ${ms(all.max)}; ${all.n} changes, submit → frame painting the new list's first row`, `≤ ${FILTER_P50_TARGET_MS} ms`, mark(filterOk)],
    ...filters.map((f): [string, string, string, string, string] => [`   ${f.name}, p50`, ms(f.timing.p50), `max ${ms(f.timing.max)}; ${f.how}`, '', '']),
    [
      `c  scroll ${SCROLL_ROWS.toLocaleString('en-US')} rows: long tasks`,
      String(scroll.longTasks.length),
      `longest ${ms(longest)}; ${scroll.rows.toLocaleString('en-US')} rows in ${scroll.seconds.toFixed(1)} s, ${scroll.frames} frames, ${SCROLL_PX_PER_FRAME} px/frame, pages loaded on the way (PerformanceObserver longtask)`,
      `none > ${LONG_TASK_TARGET_MS} ms`,
      mark(scrollOk),
    ],
    [
      'd  input delay during the export, p95',
      ms(exported.delays.p95),
      `p50 ${ms(exported.delays.p50)}; ${exported.delays.n} keys every ${KEY_INTERVAL_MS} ms in the query box, event timestamp → first keydown listener`,
      `< ${INPUT_DELAY_TARGET_MS} ms`,
      mark(delayP95Ok),
    ],
    [
      '   max',
      ms(worstDelay),
      `${exported.rows === null ? '?' : exported.rows.toLocaleString('en-US')} rows in ${exported.seconds.toFixed(1)} s; long tasks ${exported.longTasks.length}, longest ${ms(Math.max(0, ...exported.longTasks))}`,
      `< ${INPUT_DELAY_TARGET_MS} ms`,
      mark(delayMaxOk),
    ],
    ['   export done by', '', exported.how, '', ''],
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  const [load1] = loadavg();
  console.log(`\nAuditdesk audit page benchmark (${EVENTS.toLocaleString('en-US')} events, headless Chromium, load average ${load1?.toFixed(2)} at the end)\n`);
  for (const r of rows) console.log(`${r[0].padEnd(widths[0]!)}  ${r[1].padStart(widths[1]!)}  ${r[2].padEnd(widths[2]!)}  ${r[3].padEnd(widths[3]!)}  ${r[4]}`);
  console.log('');
  return openOk && filterOk && scrollOk && delayP95Ok && delayMaxOk;
}

function timing(values: number[]): Timing & { samples: number[] } {
  const sorted = [...values].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
  return { p50: pct(0.5), p95: pct(0.95), min: sorted[0] ?? Number.NaN, max: sorted.at(-1) ?? Number.NaN, n: sorted.length, samples: values };
}

function ms(n: number): string {
  return `${n.toFixed(0)} ms`;
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}
