import type { GetDataType, GetReturnType } from '@webext-core/messaging';
import type { LiveRequest, ProtocolMap } from '../messaging/protocol';
import type { NotificationPrompt } from '../watches/notification-permission';

/** The messages the panel sends to the background. */
export type PanelRequest = 'getSession' | 'getSubject' | 'getHistory' | 'restoreEvent' | 'getNames' | 'createWatch' | 'listWatches' | 'deleteWatch';

/** Sends one protocol message to the background (the messenger's `sendMessage`). */
export type Send = <K extends PanelRequest>(
  type: K,
  data: GetDataType<ProtocolMap[K]>,
) => Promise<GetReturnType<ProtocolMap[K]>>;

/** The part of `runtime.Port` the live connection uses. */
export interface LivePort {
  postMessage(message: LiveRequest): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

/** Where the panel remembers whether it was open (a storage item). */
export interface OpenState {
  getValue(): Promise<boolean>;
  setValue(open: boolean): Promise<void>;
}

/** Everything the panel model touches outside itself, passed in so tests can stand in for it. */
export interface PanelDeps {
  send: Send;
  now: () => number;
  /** Opens a port named LIVE_PORT to the background. */
  connectLive: () => LivePort;
  writeClipboard: (text: string) => Promise<void>;
  openState: OpenState;
  /** Asks for Chrome's notification permission as the person pins their first watch. */
  notificationPrompt: Pick<NotificationPrompt, 'askOnWatch'>;
}
