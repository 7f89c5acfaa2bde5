import type { AuditEvent } from '../../../shared/audit-event';
import { PING_INTERVAL_MS, type LiveMessage, type Subject } from '../messaging/protocol';
import type { LivePort } from './deps';

/** The part of `runtime.Port` a live subscription uses, posting requests of type R. */
export interface LiveConnection<R> {
  postMessage(message: R): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

/** What the live indicator shows. */
export type LiveStatus = Extract<LiveMessage, { type: 'status' }>['status'];

export interface LiveHandlers {
  onEvent: (event: AuditEvent) => void;
  onStatus: (status: LiveStatus) => void;
}

/** The first reconnect waits this long, doubling up to RECONNECT_MAX_MS. */
const RECONNECT_MS = 1_000;
const RECONNECT_MAX_MS = 30_000;

function isLiveMessage(message: unknown): message is LiveMessage {
  if (typeof message !== 'object' || message === null) return false;
  const { type } = message as { type?: unknown };
  if (type === 'event') return typeof (message as { event?: { id?: unknown } }).event?.id === 'string';
  return type === 'status' && typeof (message as { status?: unknown }).status === 'string';
}

/**
 * Subscribes to `subject`'s live events over a port to the background,
 * pinging every PING_INTERVAL_MS (which keeps the MV3 service worker awake)
 * and reconnecting with backoff when the worker goes away.
 * @returns a cleanup that closes the port and stops the timers.
 */
export function subscribeLive(connect: () => LivePort, subject: Subject, handlers: LiveHandlers): () => void {
  return followLive(connect, { type: 'subscribe' as const, subject }, handlers);
}

/**
 * Sends `subscribe` over a port to the background, pings every
 * PING_INTERVAL_MS (which keeps the MV3 service worker awake) and reconnects
 * with backoff when the worker goes away, subscribing again with
 * `resubscribe()` when given (the audit page names the newest row it has).
 * @returns a cleanup that closes the port and stops the timers.
 */
export function followLive<R extends { type: string }>(
  connect: () => LiveConnection<R | { type: 'ping' }>,
  subscribe: R,
  handlers: LiveHandlers,
  resubscribe: () => R = () => subscribe,
): () => void {
  let port: LiveConnection<R | { type: 'ping' }> | null = null;
  let first = true;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let delay = RECONNECT_MS;
  let stopped = false;

  const open = () => {
    handlers.onStatus('connecting');
    let current: LiveConnection<R | { type: 'ping' }>;
    try {
      current = connect();
    } catch {
      // The extension was reloaded or removed: this page's script is orphaned.
      handlers.onStatus('offline');
      return;
    }
    port = current;
    current.onMessage.addListener((message) => {
      if (port !== current || !isLiveMessage(message)) return;
      if (message.type === 'event') handlers.onEvent(message.event);
      else {
        if (message.status === 'live') delay = RECONNECT_MS;
        handlers.onStatus(message.status);
      }
    });
    current.onDisconnect.addListener(() => {
      if (stopped || port !== current) return;
      port = null;
      handlers.onStatus('offline');
      retryTimer = setTimeout(open, delay);
      delay = Math.min(delay * 2, RECONNECT_MAX_MS);
    });
    current.postMessage(first ? subscribe : resubscribe());
    first = false;
  };

  const ping = setInterval(() => port?.postMessage({ type: 'ping' }), PING_INTERVAL_MS);
  open();
  return () => {
    stopped = true;
    clearInterval(ping);
    clearTimeout(retryTimer);
    port?.disconnect();
    port = null;
  };
}
