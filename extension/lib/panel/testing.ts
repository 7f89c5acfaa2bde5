import type { AuditEvent } from '../../../shared/audit-event';
import type { GetDataType, GetReturnType } from '@webext-core/messaging';
import type { Role } from '../../../shared/enums';
import type { LiveMessage, LiveRequest, ProtocolMap, SessionState } from '../messaging/protocol';
import type { LivePort, PanelDeps, PanelRequest, Send } from './deps';

/*
 * Stand-ins for the panel's dependencies in unit tests: the background's
 * answers are plain functions, the live port records what it is sent.
 */

export const CONVERSATION_ID = '01JD0000000000000000000V01';
export const CUSTOMER_ID = '01JD0000000000000000000C01';

let sequence = 0;

/** An audit row of the test conversation; pass what the test is about. */
export function auditEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  sequence += 1;
  const id = `01JD${String(sequence).padStart(22, '0')}`;
  return {
    id,
    occurredAt: new Date(Date.UTC(2026, 10, 21, 10, 0, sequence)).toISOString(),
    actor: { type: 'user', id: 'u1', name: 'Ana Ruiz' },
    event: 'update',
    category: 'conversation',
    section: 'conversation',
    subject: { type: 'conversation', id: CONVERSATION_ID, label: 'Refund for order 1182' },
    customerId: CUSTOMER_ID,
    conversationId: CONVERSATION_ID,
    property: 'status',
    before: 'open',
    after: 'done',
    changeId: `change-${id}`,
    context: null,
    source: { requestId: null, ip: null, userAgent: null, apiKeyId: null },
    ...overrides,
  };
}

type Handlers = {
  [K in PanelRequest]?: (data: GetDataType<ProtocolMap[K]>) => Promise<GetReturnType<ProtocolMap[K]>> | GetReturnType<ProtocolMap[K]>;
};

/** The session the panel is told about unless a test says otherwise: an agent of the demo workspace. */
export function signedInAs(role: Role): SessionState {
  return {
    status: 'signed_in',
    backendUrl: 'http://127.0.0.1:8787',
    user: { id: 'u1', email: `${role}@demo.test`, name: 'Ana Ruiz', role, orgId: 'o1' },
    expiresAt: '2099-01-01T00:00:00.000Z',
  };
}

/** A `send` answering from `handlers` (getSession: a signed-in agent, listWatches: none, by default), recording every request. */
export function fakeSend(handlers: Handlers): Send & { calls: Array<{ type: PanelRequest; data: unknown }> } {
  const calls: Array<{ type: PanelRequest; data: unknown }> = [];
  const answers: Handlers = { getSession: () => signedInAs('agent'), listWatches: () => ({ ok: true, value: [] }), ...handlers };
  const send = async (type: PanelRequest, data: unknown) => {
    calls.push({ type, data });
    const handler = answers[type] as ((data: unknown) => unknown) | undefined;
    if (!handler) throw new Error(`no answer for ${type}`);
    return handler(data);
  };
  // The handler table is typed per message; the dispatch above is not.
  return Object.assign(send as Send, { calls });
}

/** A live port whose messages from the background the test delivers. */
export class FakePort implements LivePort {
  sent: LiveRequest[] = [];
  disconnected = false;
  private messageListeners: Array<(message: unknown) => void> = [];
  private disconnectListeners: Array<() => void> = [];
  onMessage = { addListener: (listener: (message: unknown) => void) => void this.messageListeners.push(listener) };
  onDisconnect = { addListener: (listener: () => void) => void this.disconnectListeners.push(listener) };
  postMessage(message: LiveRequest): void {
    this.sent.push(message);
  }
  disconnect(): void {
    this.disconnected = true;
  }
  /** Delivers a message from the background. */
  deliver(message: LiveMessage): void {
    this.messageListeners.forEach((listener) => listener(message));
  }
  /** The background went away (the service worker stopped). */
  drop(): void {
    this.disconnectListeners.forEach((listener) => listener());
  }
}

/** Panel dependencies around `send`, with ports collected in `ports`. */
export function fakeDeps(send: Send): PanelDeps & { ports: FakePort[]; clipboard: string[]; notificationAsks: number } {
  const ports: FakePort[] = [];
  const clipboard: string[] = [];
  let open = false;
  const deps: PanelDeps & { ports: FakePort[]; clipboard: string[]; notificationAsks: number } = {
    send,
    now: () => Date.UTC(2026, 10, 21, 12, 0, 0),
    connectLive: () => {
      const port = new FakePort();
      ports.push(port);
      return port;
    },
    writeClipboard: async (text) => void clipboard.push(text),
    openState: { getValue: async () => open, setValue: async (value) => void (open = value) },
    notificationPrompt: {
      askOnWatch() {
        deps.notificationAsks += 1;
        return true;
      },
    },
    ports,
    clipboard,
    notificationAsks: 0,
  };
  return deps;
}
