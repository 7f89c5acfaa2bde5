import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/audit-event';
import { LOG_LIVE_PORT, type LiveMessage } from '../messaging/protocol';
import type { StoredSession } from '../session/session-items';
import type { LivePort } from './live-hub';
import { LogTailHub } from './log-tail-hub';

const id = (n: number) => `01JD0000000000000000000${String(n).padStart(3, '0')}`;
const event = (n: number) => ({ id: id(n) }) as AuditEvent;
const SESSION: StoredSession = {
  token: 'tok',
  backendUrl: 'http://localhost:8787',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: { id: 'u1', email: 'admin@demo.test', name: 'Ada Admin', role: 'admin', orgId: 'o1' },
};
const OPTIONS_PAGE = { id: 'ext', url: 'chrome-extension://ext/options.html' };

class FakePort implements LivePort {
  readonly name = LOG_LIVE_PORT;
  readonly received: LiveMessage[] = [];
  disconnected = false;
  private listeners: Array<(message: unknown) => void> = [];
  private closers: Array<() => void> = [];
  onMessage = { addListener: (listener: (message: unknown) => void) => void this.listeners.push(listener) };
  onDisconnect = { addListener: (listener: () => void) => void this.closers.push(listener) };
  constructor(readonly sender = OPTIONS_PAGE) {}
  postMessage(message: LiveMessage) {
    this.received.push(message);
  }
  disconnect() {
    this.disconnected = true;
  }
  send(message: unknown) {
    this.listeners.forEach((listener) => listener(message));
  }
  close() {
    this.closers.forEach((listener) => listener());
  }
  events() {
    return this.received.flatMap((m) => (m.type === 'event' ? [m.event.id] : []));
  }
}

/** A backend stream the test feeds: what it was opened with, and its events. */
function setup() {
  const opened: Array<{ filters: string; lastEventId: string | null; signal: AbortSignal; push(e: AuditEvent): void }> = [];
  const hub = new LogTailHub({
    currentSession: async () => SESSION,
    sessionRejected: async () => undefined,
    reconnectDelayMs: () => 0,
    sleep: async () => undefined,
    mayWatch: async (sender) => sender?.url?.startsWith('chrome-extension://ext/') === true,
    openLogStream: async (_session, filters, lastEventId, signal) => {
      const queue: AuditEvent[] = [];
      let wake: (() => void) | null = null;
      signal.addEventListener('abort', () => wake?.());
      opened.push({ filters: filters.toString(), lastEventId, signal, push: (e) => (queue.push(e), wake?.()) });
      return (async function* () {
        for (;;) {
          if (signal.aborted) throw new DOMException('aborted', 'AbortError');
          const next = queue.shift();
          if (next) yield next;
          else await new Promise<void>((resolve) => (wake = resolve));
        }
      })();
    },
  });
  return { hub, opened };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the audit page's live tail in the background", () => {
  it("opens the log's stream with the page's filter, right after the page's newest row, and delivers what follows", async () => {
    const { hub, opened } = setup();
    const port = new FakePort();
    hub.connect(port);
    port.send({ type: 'subscribe', query: 'section=business_rule&notEvent=login', after: id(5) });
    await tick();
    expect(opened.map(({ filters, lastEventId }) => ({ filters, lastEventId }))).toEqual([{ filters: 'section=business_rule&notEvent=login', lastEventId: id(5) }]);
    opened[0]!.push(event(6));
    opened[0]!.push(event(6));
    opened[0]!.push(event(7));
    await tick();
    expect(port.events()).toEqual([id(6), id(7)]);
  });

  it('closes the stream when the page subscribes again with another filter, and when it goes', async () => {
    const { hub, opened } = setup();
    const port = new FakePort();
    hub.connect(port);
    port.send({ type: 'subscribe', query: 'event=update', after: null });
    await tick();
    port.send({ type: 'subscribe', query: 'event=create', after: null });
    await tick();
    expect(opened[0]!.signal.aborted).toBe(true);
    expect(hub.streamCount).toBe(1);
    port.close();
    expect(opened[1]!.signal.aborted).toBe(true);
    expect(hub.streamCount).toBe(0);
  });

  it('disconnects a port from anywhere but an extension page, and one that sends a query with more than filters', async () => {
    const { hub, opened } = setup();
    const foreign = new FakePort({ id: 'ext', url: 'https://evil.test/' });
    hub.connect(foreign);
    foreign.send({ type: 'subscribe', query: '', after: null });
    const sneaky = new FakePort();
    hub.connect(sneaky);
    sneaky.send({ type: 'subscribe', query: 'cursor=abc', after: null });
    await tick();
    expect(foreign.disconnected).toBe(true);
    expect(sneaky.disconnected).toBe(true);
    expect(opened).toEqual([]);
  });
});
