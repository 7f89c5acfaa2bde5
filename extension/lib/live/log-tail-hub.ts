import * as v from 'valibot';
import type { AuditEvent } from '../../../shared/audit-event';
import { LOG_LIVE_PORT, LogLiveRequest, type LiveMessage } from '../messaging/protocol';
import type { StoredSession } from '../session/session-items';
import type { LivePort, LiveHubDeps } from './live-hub';
import { SubjectChannel } from './subject-channel';

export interface LogTailDeps extends Pick<LiveHubDeps, 'currentSession' | 'sessionRejected' | 'reconnectDelayMs' | 'sleep' | 'mayWatch'> {
  /** Opens the workspace log's stream of the rows matching `filters` (the API query). */
  openLogStream(session: StoredSession, filters: URLSearchParams, lastEventId: string | null, signal: AbortSignal): Promise<AsyncIterable<AuditEvent>>;
}

/**
 * The audit page's live tails: a page connects a LOG_LIVE_PORT and
 * subscribes with its filter and the newest row it shows; it gets the
 * matching rows committed after that row, with the panel's reconnect and
 * resume rules. Each port has its own backend stream (each page its own
 * filter), closed when the port goes or subscribes again with another filter.
 * The stream's position lives with the page (it names its newest row on
 * every subscribe), so a restarted worker loses nothing.
 */
export class LogTailHub {
  private readonly tails = new Map<LivePort, SubjectChannel<URLSearchParams, 'log'>>();

  constructor(private readonly deps: LogTailDeps) {}

  /** Takes a newly connected port (runtime.onConnect); ports with other names are left alone. */
  connect(port: LivePort): void {
    if (port.name !== LOG_LIVE_PORT) return;
    const admitted = this.deps.mayWatch(port.sender);
    let open = true;
    port.onDisconnect.addListener(() => {
      open = false;
      this.stop(port);
    });
    port.onMessage.addListener((message) => {
      void admitted.then((allowed) => {
        if (!open) return;
        const request = v.safeParse(LogLiveRequest, message);
        if (!allowed || !request.success) {
          open = false;
          this.stop(port);
          port.disconnect();
          return;
        }
        if (request.output.type === 'subscribe') this.subscribe(port, request.output.query, request.output.after);
      });
    });
  }

  /** The session changed: every tail reconnects with it. */
  sessionChanged(): void {
    for (const channel of this.tails.values()) channel.restart();
  }

  /** How many backend streams the audit pages hold. */
  get streamCount(): number {
    return this.tails.size;
  }

  private subscribe(port: LivePort, query: string, after: string | null): void {
    this.stop(port);
    let position = after;
    const channel = new SubjectChannel<URLSearchParams, 'log'>(
      'log',
      new URLSearchParams(query),
      {
        ...this.deps,
        openStream: (session, filters, lastEventId, signal) => this.deps.openLogStream(session, filters, lastEventId, signal),
        cursors: {
          read: async () => position,
          save: async (_key, lastEventId) => {
            position = lastEventId;
          },
        },
      },
      (message) => post(port, message),
    );
    this.tails.set(port, channel);
    channel.start();
  }

  private stop(port: LivePort): void {
    this.tails.get(port)?.stop();
    this.tails.delete(port);
  }
}

function post(port: LivePort, message: LiveMessage): void {
  try {
    port.postMessage(message);
  } catch {
    // The port closed between its last message and this one; its onDisconnect cleans up.
  }
}
