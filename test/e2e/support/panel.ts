import type { Page } from 'puppeteer-core';

const WAIT_MS = 10_000;
const HOST = 'auditdesk-panel';

/** A selector inside the panel's open shadow root (puppeteer's deep combinator). */
export function inPanel(selector: string): string {
  return `${HOST} >>> ${selector}`;
}

function testid(id: string): string {
  return `[data-testid="${id}"]`;
}

function row(eventId: string): string {
  return `${testid('event-row')}[data-event-id="${eventId}"]`;
}

/** What one event row shows. */
export interface ShownEvent {
  id: string;
  property: string | null;
  isNew: boolean;
  text: string;
}

/**
 * The audit panel the content script puts on a workspace page
 * (`<auditdesk-panel>`, open shadow root), driven through its fixed
 * data-testids.
 */
export class Panel {
  constructor(readonly page: Page) {}

  /** Opens the panel with its toggle unless it is open already, then waits for the first page of history. */
  async open(): Promise<void> {
    await this.page.waitForSelector(inPanel(testid('panel-toggle')), { timeout: WAIT_MS });
    if (!(await this.page.$(inPanel(testid('panel'))))) await this.page.locator(inPanel(testid('panel-toggle'))).click();
    await this.page.waitForSelector(inPanel(testid('panel')), { visible: true, timeout: WAIT_MS });
    await this.waitForHistory();
  }

  /** Waits until the history has loaded: rows (or the empty state) shown and no loading indicator. */
  async waitForHistory(): Promise<void> {
    try {
      await this.page.waitForFunction(
        (host: string) => {
          const root = document.querySelector(host)?.shadowRoot;
          if (!root || root.querySelector('[data-testid="panel-loading"]')) return false;
          return Boolean(root.querySelector('[data-testid="event-row"], [data-testid="panel-empty"]'));
        },
        { timeout: WAIT_MS },
        HOST,
      );
    } catch (error) {
      throw new Error(`the panel showed no history; it shows: ${await this.describe()}`, { cause: error });
    }
  }

  /** The panel's visible state in a line (its data-testids and text), for failure messages. */
  describe(): Promise<string> {
    return this.page.evaluate((host: string) => {
      const root = document.querySelector(host)?.shadowRoot;
      if (!root) return `no <${host}> with an open shadow root`;
      const marked = [...root.querySelectorAll<HTMLElement>('[data-testid]')].map((el) => el.dataset.testid);
      const panel = root.querySelector('[data-testid="panel"]');
      return `testids [${[...new Set(marked)].join(', ')}]; text: ${(panel?.textContent ?? '').replace(/\s+/g, ' ').slice(0, 400)}`;
    }, HOST);
  }

  /** The event rows, top to bottom. */
  events(): Promise<ShownEvent[]> {
    return this.page.evaluate((host: string) => {
      const root = document.querySelector(host)?.shadowRoot;
      return [...(root?.querySelectorAll<HTMLElement>('[data-testid="event-row"]') ?? [])].map((el) => ({
        id: el.dataset.eventId ?? '',
        property: el.dataset.property ?? null,
        isNew: el.dataset.new === 'true',
        text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
      }));
    }, HOST);
  }

  async eventIds(): Promise<string[]> {
    return (await this.events()).map((event) => event.id);
  }

  /** Waits for the row of one event; `timeoutMs` bounds how late it may arrive. */
  async waitForEvent(eventId: string, timeoutMs = WAIT_MS): Promise<ShownEvent> {
    await this.page.waitForSelector(inPanel(row(eventId)), { timeout: timeoutMs });
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
    const selector = `${row(eventId)} ${testid(side)}`;
    try {
      await this.page.waitForFunction(
        (host: string, inner: string, wanted: string) => {
          const value = document.querySelector(host)?.shadowRoot?.querySelector(inner);
          return (value?.textContent ?? '').replace(/\s+/g, ' ').trim() === wanted;
        },
        { timeout: WAIT_MS },
        HOST,
        selector,
        text,
      );
    } catch (error) {
      throw new Error(`the ${side} value of ${eventId} never read "${text}"; the panel shows: ${await this.describe()}`, { cause: error });
    }
    const namedIds = await this.page.$$eval(inPanel(`${selector} [title]`), (names) => names.map((el) => el.getAttribute('title') ?? ''));
    return { namedIds };
  }

  async textOf(id: string): Promise<string> {
    const handle = await this.page.waitForSelector(inPanel(testid(id)), { timeout: WAIT_MS });
    if (!handle) throw new Error(`${id} is not in the panel`);
    return (await handle.evaluate((el) => el.textContent ?? '')).replace(/\s+/g, ' ').trim();
  }

  async attributeOf(id: string, attribute: string): Promise<string | null> {
    const handle = await this.page.waitForSelector(inPanel(testid(id)), { timeout: WAIT_MS });
    if (!handle) throw new Error(`${id} is not in the panel`);
    return handle.evaluate((el, name) => el.getAttribute(name), attribute);
  }

  /** Starts restoring the value before `eventId` and confirms in the dialog. */
  async restore(eventId: string): Promise<void> {
    await this.page.locator(inPanel(`${row(eventId)} ${testid('restore-button')}`)).setTimeout(WAIT_MS).click();
    await this.page.waitForSelector(inPanel(testid('restore-dialog')), { visible: true, timeout: WAIT_MS });
    await this.page.locator(inPanel(testid('restore-confirm'))).setTimeout(WAIT_MS).click();
  }

  /** After a restore that met a newer change: the value the conflict dialog says is current now. */
  async conflictCurrent(): Promise<string> {
    await this.page.waitForSelector(inPanel(testid('restore-conflict')), { visible: true, timeout: WAIT_MS });
    return this.textOf('conflict-current');
  }

  async forceRestore(): Promise<void> {
    await this.page.locator(inPanel(testid('restore-force'))).setTimeout(WAIT_MS).click();
    await this.waitForDialogClosed();
  }

  async keepCurrent(): Promise<void> {
    await this.page.locator(inPanel(testid('restore-keep'))).setTimeout(WAIT_MS).click();
    await this.waitForDialogClosed();
  }

  async waitForDialogClosed(): Promise<void> {
    await this.page.waitForSelector(`${inPanel(testid('restore-dialog'))}, ${inPanel(testid('restore-conflict'))}`, {
      hidden: true,
      timeout: WAIT_MS,
    });
  }

  /** Saves a picture of the page with the panel open. */
  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path: path as `${string}.png` });
  }
}
