import { storage } from 'wxt/utils/storage';
import type { SessionUser } from '../messaging/protocol';

/** The signed-in session as the background keeps it. */
export interface StoredSession {
  token: string;
  /** The backend's root URL, without a trailing slash. */
  backendUrl: string;
  user: SessionUser;
  expiresAt: string;
}

/**
 * The session, in storage.session: kept in memory by the browser, gone when
 * it closes, and (Chrome's default access level) readable only by the
 * extension's own pages and worker, never by content scripts or the page.
 */
export const authSession = storage.defineItem<StoredSession | null>('session:auth', { fallback: null, version: 1 });

/** Where `npm start` serves (HOST defaults to 127.0.0.1, which `localhost` may not reach over IPv6). */
export const DEFAULT_BACKEND_URL = 'http://127.0.0.1:8787';

/** The backend URL last signed in to, offered again in the popup. */
export const lastBackendUrl = storage.defineItem<string>('local:backendUrl', { fallback: DEFAULT_BACKEND_URL, version: 1 });
