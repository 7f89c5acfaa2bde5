import * as v from 'valibot';
import { ApiClientError, offlineError } from './api-client-error';
import {
  ActivityBody,
  ActorsBody,
  AuditPageBody,
  ConversationBody,
  CustomerNamesBody,
  CustomerBody,
  ErrorBody,
  LoginBody,
  MeBody,
  NamesBody,
  RestoreBody,
  SessionUserBody,
  StreamedEventBody,
  type SavedView,
  ViewBody,
  ViewListBody,
} from './api-client-responses';
import {
  type AdminUser,
  AdminUserBody,
  type AdminUserPage,
  AdminUserPageBody,
  type ApiKey,
  ApiKeyBody,
  ApiKeyListBody,
  type ApiKeyWithSecret,
  ApiKeyWithSecretBody,
  type Retention,
  RetentionBody,
} from './api-client-admin-responses';
import {
  type Checkpoint,
  CheckpointBody,
  type CheckpointFile,
  CheckpointFileBody,
  type CheckpointPage,
  CheckpointPageBody,
  type IntegrityStatus,
  IntegrityStatusBody,
  type SigningKey,
  SigningKeyBody,
  type Verification,
  VerificationBody,
  VerificationListBody,
} from './api-client-integrity-responses';
import {
  type InboundWebhook,
  InboundWebhookListBody,
  type InboundWebhookWithSecret,
  InboundWebhookWithSecretBody,
  type StreamDestination,
  StreamDestinationBody,
  StreamDestinationListBody,
  type StreamDestinationWithSecret,
  StreamDestinationWithSecretBody,
} from './api-client-integration-responses';
import type { AuditEvent, AuditPage } from './audit-event';
import type { InboundWebhookCreateInput } from './schemas/inbound-webhooks';
import type { StreamDestinationCreateInput, StreamDestinationUpdateInput } from './schemas/streams';
import type { ApiKeyCreateInput, ApiKeyUpdateInput } from './schemas/api-keys';
import type { RetentionPutInput } from './schemas/retention';
import type { UserPatchInput } from './schemas/users';
import type { HistoryFilters, HistorySubject } from './schemas/history';
import type { NamedObject } from './schemas/names';
import type { ViewCreateInput, ViewPatchInput } from './schemas/views';
import type { WatchCreate, WatchPatchInput } from './schemas/watches';
import { type AppNotification, NotificationBody, type NotificationPage, NotificationPageBody, type Watch, WatchBody, WatchListBody } from './api-client-responses';
import {
  NotificationFrameData,
  type NotificationStreamFrame,
  type ReadAll,
  ReadAllBody,
  ReadFrameData,
  type UnreadCount,
  UnreadCountBody,
} from './api-client-notification-responses';
import { readServerSentEvents } from './sse-reader';

export { ApiClientError } from './api-client-error';
export type { AdminUser, AdminUserPage, ApiKey, ApiKeyWithSecret, Retention } from './api-client-admin-responses';
export type { Checkpoint, CheckpointFile, CheckpointPage, IntegrityStatus, SigningKey, Verification } from './api-client-integrity-responses';
export type { InboundWebhook, InboundWebhookWithSecret, StreamDestination, StreamDestinationWithSecret, StreamHealth } from './api-client-integration-responses';
export type { SavedView } from './api-client-responses';
export type { AppNotification, NotificationPage, Watch } from './api-client-responses';
export type { NotificationStreamFrame, ReadAll, UnreadCount } from './api-client-notification-responses';

export interface ApiClientOptions {
  /** The backend's root URL as the user knows it (`http://localhost:8787`); the client adds `/api/v1`. */
  baseUrl: string;
  /** A session token or API key secret, sent as `Authorization: Bearer …`. */
  token?: string | null;
  /** Injected in tests; the global fetch otherwise. */
  fetch?: typeof fetch;
}

/** The filters of a subject's history, as the panel offers them, and a page size. */
export type HistoryQuery = HistoryFilters & { limit?: number };

/** The signed-in user, as POST /auth/login answers it. */
export type SessionUser = v.InferOutput<typeof SessionUserBody>;

export type LoginResult = v.InferOutput<typeof LoginBody>;

/** What a restore wrote (POST /audit/:id/restore): the restored property's new row, and every row of the change. */
export interface RestoreResult {
  event: AuditEvent | null;
  events: AuditEvent[];
}

/** A downloaded checkpoint file: the name the backend gave it, its text exactly as served, and what it holds. */
export interface DownloadedCheckpoint {
  name: string;
  text: string;
  file: CheckpointFile;
}

/** The bucket of GET /audit/activity. */
export type LogBucket = 'minute' | 'hour' | 'day';
export type LogActivity = v.InferOutput<typeof ActivityBody>;
export type LogActors = v.InferOutput<typeof ActorsBody>;
export type CustomerNames = v.InferOutput<typeof CustomerNamesBody>;

export interface StreamOptions {
  /** Resume after this event id (sent as Last-Event-ID); without it the stream starts at the newest row. */
  lastEventId?: string | null;
  signal?: AbortSignal;
}

/**
 * The typed client of the Auditdesk HTTP API (`/api/v1`). Every failure
 * is an ApiClientError: the backend's `{ error: { code, message, details } }`
 * with its status, `offline` when the backend cannot be reached, or
 * `invalid_response` when a body is not the shape the caller relies on.
 * An aborted request rejects with the signal's AbortError, untouched.
 */
export class ApiClient {
  private readonly root: string;
  private readonly token: string | null;
  private readonly fetchImpl: typeof fetch;

  constructor(options: ApiClientOptions) {
    this.root = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token ?? null;
    // Bound: calling a detached `fetch` throws "Illegal invocation" in browsers.
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** Signs in with email and password; the same `invalid_credentials` 401 for every kind of refusal. */
  async login(email: string, password: string): Promise<LoginResult> {
    return this.json('POST', '/auth/login', { email, password }, LoginBody);
  }

  /** The signed-in user (null when the token is an API key's) and the org. */
  async me(): Promise<v.InferOutput<typeof MeBody>> {
    return this.json('GET', '/auth/me', undefined, MeBody);
  }

  /** Ends the session on the backend. */
  async logout(): Promise<void> {
    await this.request('POST', '/auth/logout');
  }

  /** A customer (its `name` is the panel's title). */
  async customer(id: string): Promise<v.InferOutput<typeof CustomerBody>> {
    return this.json('GET', `/customers/${encodeURIComponent(id)}`, undefined, CustomerBody);
  }

  /** A conversation: its `name` label and the customer it belongs to. */
  async conversation(id: string): Promise<v.InferOutput<typeof ConversationBody>> {
    return this.json('GET', `/conversations/${encodeURIComponent(id)}`, undefined, ConversationBody);
  }

  /** One page of a customer's or conversation's history, newest first; pass `nextCursor` back for the next. */
  async history(subject: HistorySubject, filters: HistoryQuery = {}, cursor: string | null = null): Promise<AuditPage> {
    const query = new URLSearchParams();
    if (filters.event) query.set('event', filters.event);
    if (filters.actorKind) query.set('actorKind', filters.actorKind);
    if (filters.property) query.set('property', filters.property);
    if (filters.limit !== undefined) query.set('limit', String(filters.limit));
    if (cursor) query.set('cursor', cursor);
    const path = `/${subject.type}s/${encodeURIComponent(subject.id)}/audit${query.size ? `?${query}` : ''}`;
    // Checked down to the fields the extension relies on; the rest is the API's AuditEvent as served.
    return (await this.json('GET', path, undefined, AuditPageBody)) as unknown as AuditPage;
  }

  /**
   * What `ids` (1–100) stand for, by id: users, teams, customers… of the
   * caller's org, deleted ones included. Ids the backend does not name
   * (another org's, or nothing) are absent.
   */
  async names(ids: readonly string[]): Promise<Record<string, NamedObject>> {
    const list = ids.map(encodeURIComponent).join(',');
    return (await this.json('GET', `/audit/names?ids=${list}`, undefined, NamesBody)).names;
  }

  /** Puts an event's `before` back; without `force`, a value changed since answers 409 `conflict` (details: current, before, after). */
  async restore(eventId: string, force = false): Promise<RestoreResult> {
    return (await this.json('POST', `/audit/${encodeURIComponent(eventId)}/restore`, { force }, RestoreBody)) as unknown as RestoreResult;
  }

  /**
   * Opens the live stream of one subject's events. Resolves once the backend
   * has accepted it (so a 401 or 429 rejects here), then yields each audit
   * event as it commits; the iteration ends when the backend closes the
   * stream and throws when the connection drops. Abort with the signal.
   */
  async stream(subject: HistorySubject, options: StreamOptions = {}): Promise<AsyncGenerator<AuditEvent>> {
    return this.streamLog(new URLSearchParams({ [subject.type]: subject.id }), options);
  }

  // --- The workspace log (the audit page): its pages, helpers and filtered stream ---

  /** One page of the workspace log (GET /audit), newest first, narrowed to the caller's role; `filters` are the API's query parameters. */
  async log(filters: URLSearchParams, cursor: string | null = null, limit?: number): Promise<AuditPage> {
    const query = new URLSearchParams(filters);
    if (limit !== undefined) query.set('limit', String(limit));
    if (cursor) query.set('cursor', cursor);
    return (await this.json('GET', `/audit${query.size ? `?${query}` : ''}`, undefined, AuditPageBody)) as unknown as AuditPage;
  }

  /** Matching events counted per minute, hour or UTC day (GET /audit/activity), oldest first. */
  async activity(filters: URLSearchParams, bucket: LogBucket): Promise<LogActivity> {
    const query = new URLSearchParams(filters);
    query.set('bucket', bucket);
    return this.json('GET', `/audit/activity?${query}`, undefined, ActivityBody);
  }

  /** Who performed the matching events (GET /audit/actors), most active first. */
  async actors(filters: URLSearchParams): Promise<LogActors> {
    return this.json('GET', `/audit/actors${filters.size ? `?${filters}` : ''}`, undefined, ActorsBody);
  }

  /** Customers whose name starts with `prefix` (GET /audit/customers), deleted ones included. */
  async customerNames(prefix: string): Promise<CustomerNames> {
    return this.json('GET', `/audit/customers?${new URLSearchParams({ prefix })}`, undefined, CustomerNamesBody);
  }

  /** Opens the live stream of the workspace log's rows matching `filters`; the rest as `stream`. */
  async streamLog(filters: URLSearchParams, options: StreamOptions = {}): Promise<AsyncGenerator<AuditEvent>> {
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (options.lastEventId) headers['last-event-id'] = options.lastEventId;
    const response = await this.request('GET', `/audit/stream${filters.size ? `?${filters}` : ''}`, undefined, headers, options.signal);
    if (!response.body) throw new ApiClientError(response.status, 'invalid_response', 'The live stream has no body.');
    return auditEventsOf(response.body);
  }

  // --- end of the workspace log ---
  // ── Workspace administration (admins): users, API keys, retention ──

  /** One page of the workspace's people (newest first), each with their lock status; pass `nextCursor` back for the next. */
  async users(cursor: string | null = null): Promise<AdminUserPage> {
    const query = new URLSearchParams({ limit: '200' });
    if (cursor) query.set('cursor', cursor);
    return this.json('GET', `/users?${query}`, undefined, AdminUserPageBody);
  }

  /** Changes a user's role, or disables (ending their sessions) or re-enables them. */
  async updateUser(id: string, patch: UserPatchInput): Promise<AdminUser> {
    return this.json('PATCH', `/users/${encodeURIComponent(id)}`, patch, AdminUserBody);
  }

  /** Lifts a lock-out and forgets the user's failed sign-ins. */
  async unlockUser(id: string): Promise<AdminUser> {
    return this.json('POST', `/users/${encodeURIComponent(id)}/unlock`, undefined, AdminUserBody);
  }

  /** The workspace's API keys, revoked ones included, newest first. */
  async apiKeys(): Promise<ApiKey[]> {
    return (await this.json('GET', '/api-keys', undefined, ApiKeyListBody)).items;
  }

  /** Creates a key; its secret is in this answer and never again. */
  async createApiKey(input: ApiKeyCreateInput): Promise<ApiKeyWithSecret> {
    return this.json('POST', '/api-keys', input, ApiKeyWithSecretBody);
  }

  /** Changes what a key may do; its next request is held to the new scopes. */
  async updateApiKey(id: string, input: ApiKeyUpdateInput): Promise<ApiKey> {
    return this.json('PATCH', `/api-keys/${encodeURIComponent(id)}`, input, ApiKeyBody);
  }

  /** Gives a key a new secret (in this answer only); the old one stops working at once. */
  async rotateApiKey(id: string): Promise<ApiKeyWithSecret> {
    return this.json('POST', `/api-keys/${encodeURIComponent(id)}/rotate`, undefined, ApiKeyWithSecretBody);
  }

  /** Revokes a key for good. */
  async revokeApiKey(id: string): Promise<void> {
    await this.request('DELETE', `/api-keys/${encodeURIComponent(id)}`);
  }

  /** How long the workspace keeps its log: `days`, and per-category overrides. */
  async retention(): Promise<Retention> {
    return this.json('GET', '/settings/retention', undefined, RetentionBody);
  }

  /** Replaces the retention setting (categories left out follow `days`). */
  async setRetention(input: RetentionPutInput): Promise<Retention> {
    return this.json('PUT', '/settings/retention', input, RetentionBody);
  }

  // ── end of workspace administration ──

  // ---- The log's tamper evidence (admins; the signing key is public) ----

  /** What the admin page's Log integrity section shows: the chain's head and anchor, the last verification, the latest checkpoint, the key. */
  async integrity(): Promise<IntegrityStatus> {
    return this.json('GET', '/audit/integrity', undefined, IntegrityStatusBody);
  }

  /** Verifies the chain now (from the checkpoint the last good run reached; `full`: from the first event) and answers the recorded run. */
  async verify(options: { full?: boolean } = {}): Promise<Verification> {
    return this.json('GET', `/audit/verify${options.full ? '?full=true' : ''}`, undefined, VerificationBody);
  }

  /** The recorded verifications, newest first (at most `limit`, 100; the backend's default 20). */
  async verifications(limit?: number): Promise<Verification[]> {
    const query = limit === undefined ? '' : `?${new URLSearchParams({ limit: String(limit) })}`;
    return (await this.json('GET', `/audit/verifications${query}`, undefined, VerificationListBody)).items;
  }

  /** One page of the workspace's checkpoints, newest first; pass `nextCursor` back for the next. */
  async checkpoints(query: { limit?: number; cursor?: string | null } = {}): Promise<CheckpointPage> {
    const params = new URLSearchParams();
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.cursor) params.set('cursor', query.cursor);
    return this.json('GET', `/audit/checkpoints${params.size ? `?${params}` : ''}`, undefined, CheckpointPageBody);
  }

  /** Signs the chain's head now; 409 `empty_log` while the workspace has no event. */
  async signCheckpoint(): Promise<Checkpoint> {
    return this.json('POST', '/audit/checkpoints', undefined, CheckpointBody);
  }

  /** The workspace's newest checkpoint, or null before the first is signed. */
  async latestCheckpoint(): Promise<Checkpoint | null> {
    try {
      return await this.json('GET', '/audit/checkpoints/latest', undefined, CheckpointBody);
    } catch (error) {
      if (error instanceof ApiClientError && error.status === 404 && error.code === 'not_found') return null;
      throw error;
    }
  }

  /** One checkpoint of the workspace's (another workspace's id is 404 `not_found`). */
  async checkpoint(id: string): Promise<Checkpoint> {
    return this.json('GET', `/audit/checkpoints/${encodeURIComponent(id)}`, undefined, CheckpointBody);
  }

  /**
   * The checkpoint file of one checkpoint (or of the newest, `latest`), as
   * the backend serves it: its text is kept byte for byte, so the copy saved
   * is the one that verifies.
   */
  async checkpointFile(id: string | 'latest'): Promise<DownloadedCheckpoint> {
    const path = `/audit/checkpoints/${encodeURIComponent(id)}/download`;
    const response = await this.request('GET', path);
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const parsed = v.safeParse(CheckpointFileBody, body);
    if (!parsed.success) throw new ApiClientError(response.status, 'invalid_response', `The backend's answer to GET ${path} was not understood.`);
    return { name: attachmentName(response.headers.get('content-disposition')) ?? checkpointFileName(parsed.output), text, file: parsed.output };
  }

  /** The public key checkpoints are signed with, with its id. */
  async signingKey(): Promise<SigningKey> {
    return this.json('GET', '/audit/signing-key', undefined, SigningKeyBody);
  }

  /** The address of the signing key's PEM, outside the API (`/.well-known/auditdesk-signing-key`), for anyone to fetch. */
  signingKeyUrl(): string {
    return `${this.root}${SIGNING_KEY_PATH}`;
  }

  /** The signing key's PEM as served at its well-known address. */
  async signingKeyPem(): Promise<string> {
    return (await this.send('GET', this.signingKeyUrl(), undefined, { accept: 'application/x-pem-file' })).text();
  }

  // ---- end of the log's tamper evidence ----

  // ---- Integrations (admins): the log streamed out, helpdesk webhooks in ----

  /** The workspace's stream destinations, newest first, each with its delivery health. */
  async streamDestinations(): Promise<StreamDestination[]> {
    return (await this.json('GET', '/stream-destinations', undefined, StreamDestinationListBody)).items;
  }

  /** One stream destination with its delivery health. */
  async streamDestination(id: string): Promise<StreamDestination> {
    return this.json('GET', `/stream-destinations/${encodeURIComponent(id)}`, undefined, StreamDestinationBody);
  }

  /** Creates a destination; a webhook's signing secret is in this answer and never again (null for a file). */
  async createStreamDestination(input: StreamDestinationCreateInput): Promise<StreamDestinationWithSecret> {
    return this.json('POST', '/stream-destinations', input, StreamDestinationWithSecretBody);
  }

  /** Changes a destination's settings (a setting of the other kind is 400). */
  async updateStreamDestination(id: string, patch: StreamDestinationUpdateInput): Promise<StreamDestination> {
    return this.json('PATCH', `/stream-destinations/${encodeURIComponent(id)}`, patch, StreamDestinationBody);
  }

  /** Stops delivery until resumed; nothing recorded meanwhile is skipped. */
  async pauseStreamDestination(id: string): Promise<StreamDestination> {
    return this.json('POST', `/stream-destinations/${encodeURIComponent(id)}/pause`, undefined, StreamDestinationBody);
  }

  /** Delivers again from where it stopped, with its failures forgotten. */
  async resumeStreamDestination(id: string): Promise<StreamDestination> {
    return this.json('POST', `/stream-destinations/${encodeURIComponent(id)}/resume`, undefined, StreamDestinationBody);
  }

  /** A webhook's new signing secret (in this answer only); batches are signed with it from now on. 409 for a file. */
  async rotateStreamDestinationSecret(id: string): Promise<StreamDestinationWithSecret> {
    return this.json('POST', `/stream-destinations/${encodeURIComponent(id)}/rotate-secret`, undefined, StreamDestinationWithSecretBody);
  }

  /** Deletes a destination: delivery to it stops. */
  async deleteStreamDestination(id: string): Promise<void> {
    await this.request('DELETE', `/stream-destinations/${encodeURIComponent(id)}`);
  }

  /** The workspace's helpdesk webhooks, revoked ones included, each with the address to post to and its last activity. */
  async inboundWebhooks(): Promise<InboundWebhook[]> {
    return (await this.json('GET', '/inbound-webhooks', undefined, InboundWebhookListBody)).items;
  }

  /** Creates a helpdesk webhook; its shared secret is in this answer and never again. */
  async createInboundWebhook(input: InboundWebhookCreateInput): Promise<InboundWebhookWithSecret> {
    return this.json('POST', '/inbound-webhooks', input, InboundWebhookWithSecretBody);
  }

  /** A new shared secret (in this answer only); requests signed with the old one are refused from now on. */
  async rotateInboundWebhookSecret(id: string): Promise<InboundWebhookWithSecret> {
    return this.json('POST', `/inbound-webhooks/${encodeURIComponent(id)}/rotate-secret`, undefined, InboundWebhookWithSecretBody);
  }

  /** Revokes a helpdesk webhook: its address refuses every request from now on. */
  async revokeInboundWebhook(id: string): Promise<void> {
    await this.request('DELETE', `/inbound-webhooks/${encodeURIComponent(id)}`);
  }

  // ---- end of integrations ----

  // ---- Saved views of the log (/views) ----

  /** The caller's saved views and those others shared, by name, each with its filter narrowed to the caller's role. */
  async views(): Promise<SavedView[]> {
    return (await this.json('GET', '/views', undefined, ViewListBody)).items;
  }

  /** Saves a view of the caller's (`filter`: the log's query parameters, e.g. `category=settings&event=update`). */
  async createView(view: ViewCreateInput): Promise<SavedView> {
    return this.json('POST', '/views', view, ViewBody);
  }

  /** Renames, refilters or shares the caller's view, or makes any view they see (not) their default. */
  async updateView(id: string, patch: ViewPatchInput): Promise<SavedView> {
    return this.json('PATCH', `/views/${encodeURIComponent(id)}`, patch, ViewBody);
  }

  /** Deletes the caller's view (admins: also one someone shared). */
  async deleteView(id: string): Promise<void> {
    await this.request('DELETE', `/views/${encodeURIComponent(id)}`);
  }

  // ---- Pinning watches (/watches) ----

  /**
   * A new watch of the caller's: a customer or conversation (optionally one
   * property, one value it must change to) or a log filter, optionally with
   * a threshold. 403 for a filter naming event types the caller's role does
   * not read, 404 for a subject not in the workspace, 409 past the watch limit.
   */
  async createWatch(watch: v.InferInput<typeof WatchCreate>): Promise<Watch> {
    return this.json('POST', '/watches', watch, WatchBody);
  }

  // ---- end of pinning watches ----

  // ---- Watches and notifications, as the popup and the background's follower use them ----

  /** The caller's own watches, newest first. */
  async watches(): Promise<Watch[]> {
    return (await this.json('GET', '/watches', undefined, WatchListBody)).items;
  }

  /** Renames, pauses (`{ paused: true }`), resumes or refilters one of the caller's watches. */
  async updateWatch(id: string, patch: WatchPatchInput): Promise<Watch> {
    return this.json('PATCH', `/watches/${encodeURIComponent(id)}`, patch, WatchBody);
  }

  /** Deletes one of the caller's watches: it notifies no more. */
  async deleteWatch(id: string): Promise<void> {
    await this.request('DELETE', `/watches/${encodeURIComponent(id)}`);
  }

  /** One page of the caller's notifications, newest first, with the unread count and the stream's position; pass `nextCursor` back for the next. */
  async notifications(query: { cursor?: string | null; unread?: boolean; limit?: number } = {}): Promise<NotificationPage> {
    const params = new URLSearchParams();
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.cursor) params.set('cursor', query.cursor);
    if (query.unread) params.set('unread', 'true');
    return this.json('GET', `/notifications${params.size ? `?${params}` : ''}`, undefined, NotificationPageBody);
  }

  /** How many notifications are unread, and the stream's current position (where following from now starts). */
  async unreadNotifications(signal?: AbortSignal): Promise<UnreadCount> {
    return this.json('GET', '/notifications/unread-count', undefined, UnreadCountBody, signal);
  }

  /** Marks one notification read (again is fine). */
  async markNotificationRead(id: string): Promise<AppNotification> {
    return this.json('POST', `/notifications/${encodeURIComponent(id)}/read`, undefined, NotificationBody);
  }

  /** Marks every notification of the caller's read. */
  async markAllNotificationsRead(): Promise<ReadAll> {
    return this.json('POST', '/notifications/read-all', undefined, ReadAllBody);
  }

  /**
   * Opens the caller's notification stream after position `after` (the
   * backend replays the entries since, in order; without it the stream
   * starts at the current head). Resolves once accepted (a 401 rejects
   * here), then yields each entry; ends when the backend closes the stream
   * and throws when the connection drops.
   */
  async notificationStream(options: { after?: number | null; signal?: AbortSignal } = {}): Promise<AsyncGenerator<NotificationStreamFrame>> {
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (options.after !== undefined && options.after !== null) headers['last-event-id'] = String(options.after);
    const response = await this.request('GET', '/notifications/stream', undefined, headers, options.signal);
    if (!response.body) throw new ApiClientError(response.status, 'invalid_response', 'The notification stream has no body.');
    return notificationFramesOf(response.body);
  }

  // ---- end of watches and notifications ----

  private async json<S extends v.GenericSchema>(method: string, path: string, body: unknown, shape: S, signal?: AbortSignal): Promise<v.InferOutput<S>> {
    const response = await this.request(method, path, body, {}, signal);
    const parsed = v.safeParse(shape, await response.json().catch(() => undefined));
    if (!parsed.success) {
      throw new ApiClientError(response.status, 'invalid_response', `The backend's answer to ${method} ${path.split('?')[0]} was not understood.`);
    }
    return parsed.output;
  }

  private request(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
    return this.send(method, `${this.root}/api/v1${path}`, body, extraHeaders, signal);
  }

  private async send(method: string, url: string, body?: unknown, extraHeaders: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
        credentials: 'omit',
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw offlineError(this.root);
    }
    if (!response.ok) throw await errorOf(response);
    return response;
  }
}

/** Where the backend serves the checkpoints' public key, at its root. */
export const SIGNING_KEY_PATH = '/.well-known/auditdesk-signing-key';

/** The file name of `Content-Disposition: attachment; filename="…"`, if it names a plain one. */
function attachmentName(header: string | null): string | null {
  const name = header?.match(/filename="?([\w.-]+)"?/)?.[1];
  return name ?? null;
}

/** The name the backend gives a checkpoint file, for an answer whose header did not say it. */
function checkpointFileName(file: CheckpointFile): string {
  try {
    const { orgId, seq } = JSON.parse(file.payload) as { orgId?: unknown; seq?: unknown };
    if (typeof orgId === 'string' && typeof seq === 'number') return `auditdesk-checkpoint-${orgId}-${seq}.json`;
  } catch {
    // A payload that is not JSON still downloads; the verifier will say what is wrong with it.
  }
  return 'auditdesk-checkpoint.json';
}

async function errorOf(response: Response): Promise<ApiClientError> {
  const body: unknown = await response.json().catch(() => undefined);
  if (v.is(ErrorBody, body)) return new ApiClientError(response.status, body.error.code, body.error.message, body.error.details);
  return new ApiClientError(response.status, 'invalid_response', `The backend answered ${response.status} without an error description.`);
}

async function* auditEventsOf(body: ReadableStream<Uint8Array>): AsyncGenerator<AuditEvent> {
  for await (const message of readServerSentEvents(body)) {
    if (message.event !== 'audit') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.data);
    } catch {
      parsed = undefined;
    }
    if (!v.is(StreamedEventBody, parsed)) throw new ApiClientError(200, 'invalid_response', 'The live stream sent an event that was not understood.');
    yield parsed as unknown as AuditEvent;
  }
}

/** The frames of the notification stream; anything else on it (a future kind of entry) is skipped. */
async function* notificationFramesOf(body: ReadableStream<Uint8Array>): AsyncGenerator<NotificationStreamFrame> {
  for await (const message of readServerSentEvents(body)) {
    if (message.event !== 'notification' && message.event !== 'read') continue;
    const seq = Number(message.id);
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.data);
    } catch {
      parsed = undefined;
    }
    if (!Number.isSafeInteger(seq) || seq < 1) throw new ApiClientError(200, 'invalid_response', 'The notification stream sent an entry without its position.');
    if (message.event === 'notification' && v.is(NotificationFrameData, parsed)) yield { kind: 'notification', seq, ...parsed };
    else if (message.event === 'read' && v.is(ReadFrameData, parsed)) yield { kind: 'read', seq, ...parsed };
    else throw new ApiClientError(200, 'invalid_response', 'The notification stream sent an entry that was not understood.');
  }
}
