import type { AdminUser, AdminUserPage, ApiKey, ApiKeyWithSecret, Retention } from '../../../shared/api-client';
import type { Checkpoint, DownloadedCheckpoint, IntegrityStatus, Verification } from '../../../shared/api-client';
import type { ApiKeyCreateInput, ApiKeyUpdateInput } from '../../../shared/schemas/api-keys';
import type { RetentionPutInput } from '../../../shared/schemas/retention';
import type { UserPatchInput } from '../../../shared/schemas/users';
import type { InboundWebhook, InboundWebhookWithSecret, StreamDestination, StreamDestinationWithSecret } from '../../../shared/api-client';
import type { InboundWebhookCreateInput } from '../../../shared/schemas/inbound-webhooks';
import type { StreamDestinationCreateInput, StreamDestinationUpdateInput } from '../../../shared/schemas/streams';
import type { Result, SessionState } from '../messaging/protocol';

/**
 * Everything the Settings section touches outside itself: the background's
 * messages (which call the backend), the clipboard and the clock. Passed in,
 * so the models are tested without a browser.
 */
export interface AdminDeps {
  /** The session, confirmed with the backend (an admin may have changed the role since sign-in). */
  getSession(): Promise<SessionState>;
  signOut(): Promise<SessionState>;
  listUsers(cursor: string | null): Promise<Result<AdminUserPage>>;
  updateUser(id: string, patch: UserPatchInput): Promise<Result<AdminUser>>;
  unlockUser(id: string): Promise<Result<AdminUser>>;
  listApiKeys(): Promise<Result<ApiKey[]>>;
  createApiKey(input: ApiKeyCreateInput): Promise<Result<ApiKeyWithSecret>>;
  updateApiKey(id: string, patch: ApiKeyUpdateInput): Promise<Result<ApiKey>>;
  rotateApiKey(id: string): Promise<Result<ApiKeyWithSecret>>;
  revokeApiKey(id: string): Promise<Result<null>>;
  getRetention(): Promise<Result<Retention>>;
  setRetention(input: RetentionPutInput): Promise<Result<Retention>>;
  getIntegrity(): Promise<Result<IntegrityStatus>>;
  verifyLog(full: boolean): Promise<Result<Verification>>;
  signCheckpoint(): Promise<Result<Checkpoint>>;
  downloadCheckpoint(id: string): Promise<Result<DownloadedCheckpoint>>;
  listStreamDestinations(): Promise<Result<StreamDestination[]>>;
  createStreamDestination(input: StreamDestinationCreateInput): Promise<Result<StreamDestinationWithSecret>>;
  updateStreamDestination(id: string, patch: StreamDestinationUpdateInput): Promise<Result<StreamDestination>>;
  pauseStreamDestination(id: string): Promise<Result<StreamDestination>>;
  resumeStreamDestination(id: string): Promise<Result<StreamDestination>>;
  rotateStreamDestinationSecret(id: string): Promise<Result<StreamDestinationWithSecret>>;
  deleteStreamDestination(id: string): Promise<Result<null>>;
  listInboundWebhooks(): Promise<Result<InboundWebhook[]>>;
  createInboundWebhook(input: InboundWebhookCreateInput): Promise<Result<InboundWebhookWithSecret>>;
  rotateInboundWebhookSecret(id: string): Promise<Result<InboundWebhookWithSecret>>;
  revokeInboundWebhook(id: string): Promise<Result<null>>;
  /** Hands a file to the browser's downloads. */
  saveFile(text: string, name: string): void;
  /** Writes text to the clipboard; must run inside the click that asked for it. */
  copy(text: string): Promise<void>;
  now(): number;
  /** Calls back when the extension signs in or out anywhere (the popup, another tab); answers the unsubscribe. */
  watchSession(onChange: () => void): () => void;
}

/** What the page says when the background did not answer at all (the extension was just reloaded). */
export const UNANSWERED = 'The Auditdesk extension did not answer. Reload this page and try again.';

/** The answer when the background did not answer at all. */
export function unanswered<T>(): Result<T> {
  return { ok: false, error: { code: 'offline', message: UNANSWERED } };
}
