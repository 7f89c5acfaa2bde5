import type { GetDataType, GetReturnType } from '@webext-core/messaging';
import type { LogLiveRequest, ProtocolMap } from '../messaging/protocol';
import type { LiveConnection } from '../panel/live';

/** The messages the audit page sends to the background. */
export type LogRequest = 'getSession' | 'getNames' | 'getLogPage' | 'getLogActivity' | 'getLogActors' | 'getLogCustomers' | 'getLogChange';

/** Sends one protocol message to the background (the messenger's `sendMessage`). */
export type LogSend = <K extends LogRequest>(type: K, data: GetDataType<ProtocolMap[K]>) => Promise<GetReturnType<ProtocolMap[K]>>;

/** The page's address: its query string holds the filter (history entries, so back and forward walk through filters). */
export interface PageUrl {
  /** `location.search`. */
  search(): string;
  /** A new history entry with this query string (the hash is kept). */
  push(search: string): void;
  /** The same entry with this query string (the filter the page opens on, when it comes from elsewhere). */
  replace(search: string): void;
  /** Calls `listener` on back/forward; returns its removal. */
  onChange(listener: () => void): () => void;
}

/** Everything the audit page's model touches outside itself, passed in so tests can stand in for it. */
export interface LogDeps {
  send: LogSend;
  now(): number;
  /** Opens a port named LOG_LIVE_PORT to the background. */
  connectLive(): LiveConnection<LogLiveRequest>;
  url: PageUrl;
}
