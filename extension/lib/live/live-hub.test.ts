import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ApiClientError } from '../../../shared/api-client';
import type { AuditEvent } from '../../../shared/audit-event';
import { LIVE_PORT, type LiveMessage, type Subject } from '../messaging/protocol';
import type { StoredSession } from '../session/session-items';
import { createCursorStore } from './cursor-store';
import { LiveHub, type LivePort } from './live-hub';

const CUSTOMER: Subject = { type: 'customer', id: '01JD00000000000000000000K1' };
const CONVERSATION: Subject = { type: 'conversation', id: '01JD00000000000000000000C1' };
const id = (n: number) => `01JD0000000000000000000${String(n).padStart(3, '0')}`;
const event = (n: number) => ({ id: id(n) }) as AuditEvent;

const SESSION: StoredSession = {
  token: 'tok',
  backendUrl: 'http://localhost:8787',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: { id: 'u1', email: 'agent@demo.test', name: 'Ana Ruiz', role: 'agent', orgId: 'o1' },
};

class FakePort implements LivePort {
  readonly name = LIVE_PORT;
  readonly received: LiveMessage[] = [];
  disconnected = false;
  private messageListeners: Array<(message: unknown) => void> = [];
  private disconnectListeners: Array<() => void> = [];
  onMessage = { addListener: (listener: (message: unknown) => void) => void this.messageListeners.push(listener) };
  onDisconnect = { addListener: (listener: () => void) => void this.disconnectListeners.push(listener) };

  constructor(readonly sender = { id: 'test-extension-id', url: 'http://localhost:8787/workspace/customers/x', tab: {} }) {}
  postMessage(message: LiveMessage) {
    this.received.push(message);
  }
  disconnect() {
    this.disconnected = true;
  }
  send(message: unknown) {
    this.messageListeners.forEach((listener) => listener(message));
  }
  /** The panel closed (the browser fires onDisconnect on the other end). */
  close() {
    this.disconnectListeners.forEach((listener) => listener());
  }
  events() {
    return this.received.flatMap((m) => (m.type === 'event' ? [m.event.id] : []));
  }
  statuses() {
    return this.received.flatMap((m) => (m.type === 'status' ? [m.status] : []));
  }
}

/** One backend connection the test drives: push events, drop it, see whether it was aborted. */
class FakeStream {
  private queue: Array<AuditEvent | Error> = [];
  private wake: (() => void) | null = null;
  constructor(
    readonly subject: Subject,
    readonly lastEventId: string | null,
    readonly signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => this.wake?.());
  }
  push(...items: Array<AuditEvent | Error>) {
    this.queue.push(...items);
    this.wake?.();
  }
  async *events(): AsyncGenerator<AuditEvent> {
    for (;;) {
      if (this.signal.aborted) throw new DOMException('aborted', 'AbortError');
      const next = this.queue.shift();
      if (next instanceof Error) throw next;
      if (next) yield next;
      else await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

function setup(options: { openError?: () => Error | null } = {}) {
  let session: StoredSession | null = SESSION;
  const streams: FakeStream[] = [];
  const sessionRejected = vi.fn(async () => {
    session = null;
  });
  const hub = new LiveHub({
    currentSession: async () => session,
    openStream: async (_session, subject, lastEventId, signal) => {
      const error = options.openError?.();
      if (error) throw error;
      const stream = new FakeStream(subject, lastEventId, signal);
      streams.push(stream);
      return stream.events();
    },
    sessionRejected,
    cursors: createCursorStore(),
    reconnectDelayMs: () => 0,
    sleep: async () => undefined,
    mayWatch: async (sender) => sender?.id === 'test-extension-id' && Boolean(sender.url?.startsWith('http://localhost')),
  });
  const watch = (subject: Subject, port = new FakePort()) => {
    hub.connect(port);
    port.send({ type: 'subscribe', subject });
    return port;
  };
  return { hub, streams, watch, sessionRejected, signIn: () => (session = SESSION) };
}

describe('the live subscription manager', () => {
  beforeEach(() => fakeBrowser.reset());

  it('shares one backend stream among every panel watching the same subject', async () => {
    const { hub, streams, watch } = setup();
    const first = watch(CUSTOMER);
    const second = watch(CUSTOMER);
    await vi.waitFor(() => expect(streams).toHaveLength(1));

    streams[0]!.push(event(1), event(2));

    await vi.waitFor(() => expect(second.events()).toEqual([id(1), id(2)]));
    expect(first.events()).toEqual([id(1), id(2)]);
    expect(first.statuses()).toContain('live');
    expect(hub.streamCount).toBe(1);
  });

  it('keeps subjects apart', async () => {
    const { streams, watch } = setup();
    const customerPanel = watch(CUSTOMER);
    const conversationPanel = watch(CONVERSATION);
    await vi.waitFor(() => expect(streams).toHaveLength(2));

    streams.find((s) => s.subject.type === 'conversation')!.push(event(5));

    await vi.waitFor(() => expect(conversationPanel.events()).toEqual([id(5)]));
    expect(customerPanel.events()).toEqual([]);
  });

  it('closes the backend stream when the last panel watching it goes', async () => {
    const { hub, streams, watch } = setup();
    const first = watch(CUSTOMER);
    const second = watch(CUSTOMER);
    await vi.waitFor(() => expect(streams).toHaveLength(1));

    first.close();
    expect(streams[0]!.signal.aborted).toBe(false);
    second.close();

    expect(streams[0]!.signal.aborted).toBe(true);
    expect(hub.streamCount).toBe(0);
  });

  it('resumes after the last delivered event when the connection drops, without repeating it', async () => {
    const { streams, watch } = setup();
    const panel = watch(CUSTOMER);
    await vi.waitFor(() => expect(streams).toHaveLength(1));

    streams[0]!.push(event(1), event(2), new TypeError('network error'));
    await vi.waitFor(() => expect(streams).toHaveLength(2));
    expect(streams[1]!.lastEventId).toBe(id(2));
    // The backend replays from the id it was given; an overlap must not show twice.
    streams[1]!.push(event(2), event(3));

    await vi.waitFor(() => expect(panel.events()).toEqual([id(1), id(2), id(3)]));
    expect(panel.statuses()).toEqual(['connecting', 'live', 'offline', 'connecting', 'live']);
  });

  it('picks up where a stopped service worker left off', async () => {
    const before = setup();
    before.watch(CUSTOMER);
    await vi.waitFor(() => expect(before.streams).toHaveLength(1));
    before.streams[0]!.push(event(7));
    await vi.waitFor(async () => expect(await createCursorStore().read('customer:01JD00000000000000000000K1')).toBe(id(7)));

    // A new worker: nothing in memory, the panel reconnects its port.
    const after = setup();
    after.watch(CUSTOMER);

    await vi.waitFor(() => expect(after.streams).toHaveLength(1));
    expect(after.streams[0]!.lastEventId).toBe(id(7));
  });

  it('signs out and tells the panels when the backend refuses the session, then reconnects after sign-in', async () => {
    let refuse = true;
    const { hub, streams, watch, sessionRejected, signIn } = setup({
      openError: () => (refuse ? new ApiClientError(401, 'unauthenticated', 'Sign in.') : null),
    });
    const panel = watch(CUSTOMER);

    await vi.waitFor(() => expect(panel.statuses()).toContain('signed_out'));
    expect(sessionRejected).toHaveBeenCalledWith(SESSION);
    expect(streams).toHaveLength(0);

    refuse = false;
    signIn();
    hub.sessionChanged();

    await vi.waitFor(() => expect(panel.statuses().at(-1)).toBe('live'));
    expect(streams).toHaveLength(1);
  });

  it('disconnects a port from a page that is not a workspace, without opening a stream', async () => {
    const { hub, streams, watch } = setup();
    const forged = watch(CUSTOMER, new FakePort({ id: 'test-extension-id', url: 'https://evil.test/', tab: {} }));

    await vi.waitFor(() => expect(forged.disconnected).toBe(true));
    expect(streams).toHaveLength(0);
    expect(hub.streamCount).toBe(0);
  });

  it('disconnects a port that sends anything but the protocol', async () => {
    const { hub, streams, watch } = setup();
    const panel = watch(CUSTOMER);
    await vi.waitFor(() => expect(streams).toHaveLength(1));

    panel.send({ type: 'subscribe', subject: CUSTOMER, token: 'steal' });

    await vi.waitFor(() => expect(panel.disconnected).toBe(true));
    expect(streams[0]!.signal.aborted).toBe(true);
    expect(hub.streamCount).toBe(0);
  });
});
