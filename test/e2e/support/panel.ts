import type { Frame, Page } from 'puppeteer-core';

const WAIT_MS = 10_000;

function testid(id: string): string {
  return `[data-testid="${id}"]`;
}

/** The closed panel's round toggle (the open panel's × shares its test id, expanded). */
const FLOATING_TOGGLE = '[data-testid="panel-toggle"][aria-expanded="false"]';
/** How long a click on the toggle is given to open the panel before it counts as lost. */
const CLICK_SETTLE_MS = 2_000;

function row(eventId: string): string {
  return `${testid('event-row')}[data-event-id="${eventId}"]`;
}

/** Whether a frame is the extension's panel page. */
export function isPanelFrame(frame: Frame): boolean {
  return frame.url().startsWith('chrome-extension://') && new URL(frame.url()).pathname === '/panel.html';
}

/** What one event row shows. */
export interface ShownEvent {
  id: string;
  property: string | null;
  isNew: boolean;
  text: string;
}

/**
 * The audit panel the content script frames on a workspace page (the
 * extension's panel.html in an iframe the page cannot reach into), driven
 * inside that frame through its fixed data-testids.
 */
export class Panel {
  constructor(readonly page: Page) {}

  /** The panel's frame on the page as it is now (a new one after each page load). */
  async frame(): Promise<Frame> {
    const found = this.page.frames().find(isPanelFrame);
    return found ?? (await this.page.waitForFrame(isPanelFrame, { timeout: WAIT_MS }));
  }

  /**
   * Opens the panel with its floating toggle unless it is open already, then
   * waits for the first page of history. A click sent into the cross-origin
   * frame just after it loaded was sometimes lost under load (Chromium had no
   * hit-test data for the frame yet: the toggle stayed, untouched): as a
   * person would, this clicks the closed panel's toggle again, never the open
   * panel's close button.
   */
  async open(): Promise<void> {
    const frame = await this.frame();
    await frame.waitForSelector(testid('panel-toggle'), { timeout: WAIT_MS });
    const deadline = Date.now() + WAIT_MS;
    while (!(await frame.$(testid('panel')))) {
      if (Date.now() > deadline) throw new Error(`the panel did not open; ${await this.describeFrames()}`);
      await frame.locator(FLOATING_TOGGLE).setTimeout(WAIT_MS).click();
      await frame.waitForSelector(testid('panel'), { timeout: CLICK_SETTLE_MS }).catch(() => undefined);
    }
    await frame.waitForSelector(testid('panel'), { visible: true, timeout: WAIT_MS });
    await this.waitForHistory();
  }

  /** Waits until the history has loaded: rows (or the empty state) shown and no loading indicator. */
  async waitForHistory(): Promise<void> {
    const frame = await this.frame();
    try {
      await frame.waitForFunction(
        () => !document.querySelector('[data-testid="panel-loading"]') && Boolean(document.querySelector('[data-testid="event-row"], [data-testid="panel-empty"]')),
        { timeout: WAIT_MS },
      );
    } catch (error) {
      throw new Error(`the panel showed no history; it shows: ${await this.describe()}`, { cause: error });
    }
  }

  /** The panel's visible state in a line (its data-testids and text), for failure messages. */
  async describe(): Promise<string> {
    const frame = this.page.frames().find(isPanelFrame);
    if (!frame) return 'no panel frame on the page';
    return frame.evaluate(() => {
      const marked = [...document.querySelectorAll<HTMLElement>('[data-testid]')].map((el) => el.dataset.testid);
      const panel = document.querySelector('[data-testid="panel"]');
      return `testids [${[...new Set(marked)].join(', ')}]; text: ${(panel?.textContent ?? '').replace(/\s+/g, ' ').slice(0, 400)}`;
    });
  }

  /** Every panel frame on the page, where it sits and what it shows (for failure messages). */
  async describeFrames(): Promise<string> {
    const frames = this.page.frames().filter(isPanelFrame);
    const described = await Promise.all(
      frames.map(async (frame, i) => {
        const box = await (await frame.frameElement())?.boundingBox().catch(() => null);
        const shows = await frame
          .evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid]')].map((el) => el.dataset.testid).join(', '))
          .catch((error: unknown) => `unreadable (${String(error)})`);
        return `frame ${i} ${frame.detached ? 'detached' : 'attached'} ${frame.url()} box ${JSON.stringify(box)}: [${shows}]`;
      }),
    );
    return `${frames.length} panel frame(s) on ${this.page.url()}: ${described.join(' | ')}`;
  }

  /** The event rows, top to bottom. */
  async events(): Promise<ShownEvent[]> {
    return (await this.frame()).evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid="event-row"]')].map((el) => ({
        id: el.dataset.eventId ?? '',
        property: el.dataset.property ?? null,
        isNew: el.dataset.new === 'true',
        text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
      })),
    );
  }

  async eventIds(): Promise<string[]> {
    return (await this.events()).map((event) => event.id);
  }

  /** Waits for the row of one event; `timeoutMs` bounds how late it may arrive. */
  async waitForEvent(eventId: string, timeoutMs = WAIT_MS): Promise<ShownEvent> {
    await (await this.frame()).waitForSelector(row(eventId), { timeout: timeoutMs });
    const shown = (await this.events()).find((event) => event.id === eventId);
    if (!shown) throw new Error(`event ${eventId} left the panel as soon as it arrived`);
    return shown;
  }

  /**
   * Waits until one side of an event's Before/After reads `text` (the names
   * of the ids it holds come just after the rows), then tells which ids
   * the names shown stand for (their tooltips).
   */
  async waitForValue(eventId: string, side: 'before' | 'after', text: string): Promise<{ namedIds: string[] }> {
    const frame = await this.frame();
    const selector = `${row(eventId)} ${testid(side)}`;
    try {
      await frame.waitForFunction(
        (inner: string, wanted: string) => (document.querySelector(inner)?.textContent ?? '').replace(/\s+/g, ' ').trim() === wanted,
        { timeout: WAIT_MS },
        selector,
        text,
      );
    } catch (error) {
      throw new Error(`the ${side} value of ${eventId} never read "${text}"; the panel shows: ${await this.describe()}`, { cause: error });
    }
    const namedIds = await frame.$$eval(`${selector} [title]`, (names) => names.map((el) => el.getAttribute('title') ?? ''));
    return { namedIds };
  }

  async textOf(id: string): Promise<string> {
    const handle = await (await this.frame()).waitForSelector(testid(id), { timeout: WAIT_MS });
    if (!handle) throw new Error(`${id} is not in the panel`);
    return (await handle.evaluate((el) => el.textContent ?? '')).replace(/\s+/g, ' ').trim();
  }

  async attributeOf(id: string, attribute: string): Promise<string | null> {
    const handle = await (await this.frame()).waitForSelector(testid(id), { timeout: WAIT_MS });
    if (!handle) throw new Error(`${id} is not in the panel`);
    return handle.evaluate((el, name) => el.getAttribute(name), attribute);
  }

  /** Whether the row of `eventId` offers Restore. */
  async offersRestore(eventId: string): Promise<boolean> {
    return (await (await this.frame()).$(`${row(eventId)} ${testid('restore-button')}`)) !== null;
  }

  /** Starts restoring the value before `eventId` and confirms in the dialog. */
  async restore(eventId: string): Promise<void> {
    const frame = await this.frame();
    await frame.locator(`${row(eventId)} ${testid('restore-button')}`).setTimeout(WAIT_MS).click();
    await frame.waitForSelector(testid('restore-dialog'), { visible: true, timeout: WAIT_MS });
    await frame.locator(testid('restore-confirm')).setTimeout(WAIT_MS).click();
  }

  /** After a restore that met a newer change: the value the conflict dialog says is current now. */
  async conflictCurrent(): Promise<string> {
    await (await this.frame()).waitForSelector(testid('restore-conflict'), { visible: true, timeout: WAIT_MS });
    return this.textOf('conflict-current');
  }

  async forceRestore(): Promise<void> {
    await (await this.frame()).locator(testid('restore-force')).setTimeout(WAIT_MS).click();
    await this.waitForDialogClosed();
  }

  async keepCurrent(): Promise<void> {
    await (await this.frame()).locator(testid('restore-keep')).setTimeout(WAIT_MS).click();
    await this.waitForDialogClosed();
  }

  async waitForDialogClosed(): Promise<void> {
    await (await this.frame()).waitForSelector(`${testid('restore-dialog')}, ${testid('restore-conflict')}`, { hidden: true, timeout: WAIT_MS });
  }

  /** "Watch this conversation" (or customer) under the title; waits until the panel says it is watched, and returns what it says. */
  async watchSubject(): Promise<string> {
    const frame = await this.frame();
    await frame.locator(testid('watch-subject')).setTimeout(WAIT_MS).click();
    await frame.waitForSelector(`${testid('subject-watched')}, ${testid('pin-error')}`, { timeout: WAIT_MS });
    const refused = await frame.$(testid('pin-error'));
    if (refused) throw new Error(`the panel refused to watch: ${await refused.evaluate((el) => el.textContent)}`);
    return this.textOf('subject-watched');
  }

  /** "Notify me when <property> changes" from a row, optionally only when it changes to the row's After; waits until the row says it is watched. */
  async watchProperty(eventId: string, options: { onlyValue: boolean }): Promise<string> {
    const frame = await this.frame();
    await frame.locator(`${row(eventId)} ${testid('watch-property')}`).setTimeout(WAIT_MS).click();
    if (options.onlyValue) await frame.locator(`${row(eventId)} ${testid('watch-only-value')}`).setTimeout(WAIT_MS).click();
    await frame.locator(`${row(eventId)} ${testid('watch-property-confirm')}`).setTimeout(WAIT_MS).click();
    const watched = await frame.waitForSelector(`${row(eventId)} ${testid('property-watched')}`, { timeout: WAIT_MS });
    return (await watched!.evaluate((el) => el.textContent ?? '')).replace(/\s+/g, ' ').trim();
  }

  /** Saves a picture of the page with the panel open. */
  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path: path as `${string}.png` });
  }
}
