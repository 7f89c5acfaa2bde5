import { ApiClientError } from '../../../shared/api-client';
import type { AuditEvent } from '../../../shared/audit-event';
import type { LiveMessage, Subject } from '../messaging/protocol';
import type { StoredSession } from '../session/session-items';
import type { CursorStore } from './cursor-store';
import type { SubjectKey } from './subject-key';

export type LiveStatus = Extract<LiveMessage, { type: 'status' }>['status'];

/** What a channel follows (T: a subject, or the audit page's filter) and the key its position is saved under (K). */
export interface ChannelDeps<T = Subject, K extends string = SubjectKey> {
  currentSession(): Promise<StoredSession | null>;
  /** Opens the backend stream; resolves once it is accepted, rejects with ApiClientError (a 401 among them). */
  openStream(session: StoredSession, subject: T, lastEventId: string | null, signal: AbortSignal): Promise<AsyncIterable<AuditEvent>>;
  /** The backend refused the session: drop it (everything shows signed out). */
  sessionRejected(session: StoredSession): Promise<void>;
  cursors: Pick<CursorStore<K>, 'read' | 'save'>;
  reconnectDelayMs(attempt: number): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/**
 * One subject's backend stream, shared by every port watching the subject.
 * It reconnects after a drop with a growing delay, resuming after the last
 * event it delivered (the backend replays what came after it, in order), and
 * skips anything not newer than that, so a reconnect neither loses nor
 * repeats an event. Signed out, it waits for `restart()`.
 */
export class SubjectChannel<T = Subject, K extends string = SubjectKey> {
  status: LiveStatus = 'connecting';
  private lastEventId: string | null = null;
  private readonly stopped = new AbortController();
  /** Aborted to cut the current connection or wait short (a session change). */
  private attempt = new AbortController();

  constructor(
    readonly key: K,
    private readonly subject: T,
    private readonly deps: ChannelDeps<T, K>,
    private readonly emit: (message: LiveMessage) => void,
  ) {}

  /** Starts following the subject; runs until stop(). */
  start(): void {
    void this.run().catch((error: unknown) => console.error('[auditdesk] live stream stopped', error));
  }

  /** Ends the stream for good (the last port left). */
  stop(): void {
    this.stopped.abort();
    this.attempt.abort();
  }

  /** Reconnects now with the current session (signed in, out or as someone else). */
  restart(): void {
    this.attempt.abort();
  }

  private async run(): Promise<void> {
    let failures = 0;
    this.lastEventId = await this.deps.cursors.read(this.key);
    while (!this.stopped.signal.aborted) {
      this.attempt = new AbortController();
      const signal = this.attempt.signal;
      const session = await this.deps.currentSession();
      if (!session) {
        this.setStatus('signed_out');
        await waitForAbort(signal);
        continue;
      }
      this.setStatus('connecting');
      try {
        const events = await this.deps.openStream(session, this.subject, this.lastEventId, signal);
        this.setStatus('live');
        failures = 0;
        for await (const event of events) await this.deliver(event);
      } catch (error) {
        if (signal.aborted) continue;
        if (error instanceof ApiClientError && error.unauthenticated) {
          await this.deps.sessionRejected(session);
          this.setStatus('signed_out');
          await waitForAbort(signal);
          continue;
        }
      }
      if (signal.aborted) continue;
      // The connection dropped or the backend ended it: wait, then resume after the last event.
      this.setStatus('offline');
      await this.deps.sleep(this.deps.reconnectDelayMs(failures++), signal);
    }
  }

  private async deliver(event: AuditEvent): Promise<void> {
    if (this.lastEventId !== null && event.id <= this.lastEventId) return;
    this.lastEventId = event.id;
    this.emit({ type: 'event', event });
    await this.deps.cursors.save(this.key, event.id);
  }

  private setStatus(status: LiveStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.emit({ type: 'status', status });
  }
}

function waitForAbort(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
