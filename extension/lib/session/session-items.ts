import { storage } from 'wxt/utils/storage';
import type { SessionUser } from '../messaging/protocol';
import { BACKEND_URL_KEY, DEFAULT_BACKEND_URL } from '../settings/workspace-pattern-defaults';

export { DEFAULT_BACKEND_URL };

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

/** The backend URL last signed in to, offered again in the popup; its origin serves the default workspace. */
export const lastBackendUrl = storage.defineItem<string>(`local:${BACKEND_URL_KEY}`, { fallback: DEFAULT_BACKEND_URL, version: 1 });
