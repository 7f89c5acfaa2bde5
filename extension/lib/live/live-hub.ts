import * as v from 'valibot';
import { LIVE_PORT, LiveRequest, type LiveMessage, type Subject } from '../messaging/protocol';
import type { SenderInfo } from '../requests/sender-policy';
import type { CursorStore } from './cursor-store';
import type { ChannelDeps } from './subject-channel';
import { SubjectChannel } from './subject-channel';
import { type SubjectKey, subjectKey } from './subject-key';

/** The part of runtime.Port the hub uses (a fake in tests). */
export interface LivePort {
  readonly name: string;
  readonly sender?: SenderInfo;
  postMessage(message: LiveMessage): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface LiveHubDeps extends ChannelDeps {
  cursors: CursorStore;
  /** Whether this sender may watch live events (the same rule as getHistory). */
  mayWatch(sender: SenderInfo | undefined): Promise<boolean>;
}

/**
 * The background's live subscriptions: panels connect a LIVE_PORT and
 * subscribe to a subject; every port watching the same subject shares one
 * backend stream, which ends when the last of them disconnects. A port that
 * is not from a trusted sender, or sends anything but the protocol's
 * requests, is disconnected.
 */
export class LiveHub {
  private readonly channels = new Map<SubjectKey, { channel: SubjectChannel; ports: Set<LivePort> }>();
  private readonly watching = new Map<LivePort, SubjectKey>();

  constructor(private readonly deps: LiveHubDeps) {}

  /** Takes a newly connected port (runtime.onConnect); ports with other names are left alone. */
  connect(port: LivePort): void {
    if (port.name !== LIVE_PORT) return;
    const admitted = this.deps.mayWatch(port.sender);
    let open = true;
    port.onDisconnect.addListener(() => {
      open = false;
      this.leave(port);
    });
    port.onMessage.addListener((message) => {
      void admitted.then((allowed) => {
        if (!open) return;
        const request = v.safeParse(LiveRequest, message);
        if (!allowed || !request.success) {
          // disconnect() does not fire the port's own onDisconnect, so leave explicitly.
          open = false;
          this.leave(port);
          port.disconnect();
          return;
        }
        // A ping only has to arrive: it keeps the MV3 worker awake while a panel is open.
        if (request.output.type === 'subscribe') this.subscribe(port, request.output.subject);
      });
    });
  }

  /** The session changed (signed in, out, or as someone else): every stream reconnects with it. */
  sessionChanged(): void {
    for (const { channel } of this.channels.values()) channel.restart();
  }

  /** True while some port watches the subject (its stream then owns the saved position). */
  isWatched(subject: Subject): boolean {
    return this.channels.has(subjectKey(subject));
  }

  /** How many backend streams are open (one per watched subject). */
  get streamCount(): number {
    return this.channels.size;
  }

  private subscribe(port: LivePort, subject: Subject): void {
    const key = subjectKey(subject);
    if (this.watching.get(port) !== key) {
      this.leave(port);
      this.join(port, key, subject);
    }
    const entry = this.channels.get(key);
    if (entry) post(port, { type: 'status', status: entry.channel.status });
  }

  private join(port: LivePort, key: SubjectKey, subject: Subject): void {
    let entry = this.channels.get(key);
    if (!entry) {
      const ports = new Set<LivePort>();
      const channel = new SubjectChannel(key, subject, this.deps, (message) => ports.forEach((p) => post(p, message)));
      entry = { channel, ports };
      this.channels.set(key, entry);
      channel.start();
    }
    entry.ports.add(port);
    this.watching.set(port, key);
  }

  private leave(port: LivePort): void {
    const key = this.watching.get(port);
    if (!key) return;
    this.watching.delete(port);
    const entry = this.channels.get(key);
    if (!entry) return;
    entry.ports.delete(port);
    if (entry.ports.size > 0) return;
    entry.channel.stop();
    this.channels.delete(key);
    // Nobody watches any more: a later panel starts from its own history, not from here.
    void this.deps.cursors.forget(key);
  }
}

function post(port: LivePort, message: LiveMessage): void {
  try {
    port.postMessage(message);
  } catch {
    // The port closed between its last message and this one; its onDisconnect cleans up.
  }
}
