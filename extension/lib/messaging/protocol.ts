import * as v from 'valibot';
import type { AdminUser, AdminUserPage, ApiKey, ApiKeyWithSecret, Retention, RestoreResult, SessionUser } from '../../../shared/api-client';
import type { Checkpoint, DownloadedCheckpoint, IntegrityStatus, Verification } from '../../../shared/api-client';
import { ApiKeyCreate, ApiKeyUpdate } from '../../../shared/schemas/api-keys';
import { RetentionPut } from '../../../shared/schemas/retention';
import { UserPatch } from '../../../shared/schemas/users';
import type { AuditEvent, AuditPage } from '../../../shared/audit-event';
import { Id } from '../../../shared/schemas/common';
import { HistoryFilters, HistorySubject } from '../../../shared/schemas/history';
import { IdBatch, type NamedObject } from '../../../shared/schemas/names';
import type { SavedView } from '../../../shared/api-client-responses';
import { ViewCreate, ViewPatch } from '../../../shared/schemas/views';
import { PAGE_ID_PATTERN } from '../panel/subject-report';
import { FILTER_PARAMS } from '../log/filter/params';
import type { CustomerNames, LogActivity, LogActors } from '../../../shared/api-client';
import type { AppNotification, NotificationPage, ReadAll, Watch } from '../../../shared/api-client';
import { WatchCreate, WatchPatch } from '../../../shared/schemas/watches';
import type { InboundWebhook, InboundWebhookWithSecret, StreamDestination, StreamDestinationWithSecret } from '../../../shared/api-client';
import { StreamDestinationCreate, StreamDestinationUpdate } from '../../../shared/schemas/streams';
import { InboundWebhookCreate } from '../../../shared/schemas/inbound-webhooks';

/*
 * The one message protocol between the extension's parts. Only the
 * background talks to the backend; the panel's page, the popup and the
 * options page ask it through these messages, and the content script on a
 * workspace page only reports the subject it sees there. Every request is
 * validated by the background on receipt (the page a content script runs in
 * is never trusted) and answered with a Result, never a thrown error.
 */

/** What the panel shows the history of: the API client's subject of a history. */
export const Subject = HistorySubject;
export type Subject = HistorySubject;

/** The panel's filter chips; each is a filter of GET …/audit. */
export { HistoryFilters };
export type { RestoreResult, SessionUser };

// --- The audit page (options page): the workspace log ---

/**
 * The log's filter as the API's query string (`event=update&notSection=access`).
 * Only filter parameters: the page cannot slip a cursor, limit or anything
 * else in; the backend checks the values.
 */
export const LogQuery = v.pipe(
  v.string(),
  v.maxLength(8000),
  v.check((text) => [...new URLSearchParams(text).keys()].every((name) => FILTER_PARAMS.includes(name)), 'holds a parameter that is not a filter'),
);

const LogRequests = {
  getLogPage: v.strictObject({ query: LogQuery, cursor: v.nullable(v.pipe(v.string(), v.maxLength(400))) }),
  getLogActivity: v.strictObject({ query: LogQuery, bucket: v.picklist(['minute', 'hour', 'day']) }),
  getLogActors: v.strictObject({ query: LogQuery }),
  getLogCustomers: v.strictObject({ prefix: v.pipe(v.string(), v.trim(), v.nonEmpty('is required'), v.maxLength(100)) }),
  /** One page of the rows of one change (its id), newest first; pass `nextCursor` back for the next. */
  getLogChange: v.strictObject({ changeId: Id, cursor: v.nullable(v.pipe(v.string(), v.maxLength(400))) }),
};

// --- end of the audit page ---

// ---- Watches and notifications (the popup; the panel may list and stop its watches) ----

const NotificationRequests = {
  /** The person's watches, newest first. */
  listWatches: v.undefined(),
  /** Pause (`{ paused: true }`), resume, rename or refilter one of the person's watches. */
  updateWatch: v.strictObject({ id: Id, patch: WatchPatch }),
  deleteWatch: v.strictObject({ id: Id }),
  /** A page of the person's notifications, newest first; `unread`: only the unread ones. */
  listNotifications: v.strictObject({ cursor: v.nullable(v.pipe(v.string(), v.maxLength(200))), unread: v.boolean() }),
  markNotificationRead: v.strictObject({ id: Id }),
  markAllNotificationsRead: v.undefined(),
};

// ---- end of watches and notifications ----

// ---- Integrations (the options page's Settings; the backend allows admins only) ----

const IntegrationRequests = {
  /** The stream destinations with their delivery health, newest first. */
  listStreamDestinations: v.undefined(),
  createStreamDestination: StreamDestinationCreate,
  updateStreamDestination: v.strictObject({ id: Id, patch: StreamDestinationUpdate }),
  pauseStreamDestination: v.strictObject({ id: Id }),
  resumeStreamDestination: v.strictObject({ id: Id }),
  rotateStreamDestinationSecret: v.strictObject({ id: Id }),
  deleteStreamDestination: v.strictObject({ id: Id }),
  listInboundWebhooks: v.undefined(),
  createInboundWebhook: InboundWebhookCreate,
  rotateInboundWebhookSecret: v.strictObject({ id: Id }),
  revokeInboundWebhook: v.strictObject({ id: Id }),
};

// ---- end of integrations ----

/** The requests, by message name (valibot schemas of their data). */
export const Requests = {
  getSession: v.undefined(),
  signIn: v.strictObject({
    backendUrl: v.pipe(v.string(), v.trim(), v.url('must be a URL'), v.maxLength(2048)),
    email: v.pipe(v.string(), v.trim(), v.nonEmpty('is required'), v.maxLength(254)),
    password: v.pipe(v.string(), v.nonEmpty('is required'), v.maxLength(2048)),
  }),
  signOut: v.undefined(),
  getSubject: HistorySubject,
  getHistory: v.strictObject({
    subject: HistorySubject,
    filters: HistoryFilters,
    cursor: v.nullable(v.pipe(v.string(), v.maxLength(400))),
  }),
  restoreEvent: v.strictObject({ eventId: Id, force: v.boolean() }),
  /** The ids (1–100) that Before/After values point at, to show names instead. */
  getNames: IdBatch,
  /**
   * The content script: the customer and conversation its workspace page
   * shows (null where none), with the page's own id and the report's number
   * on that page, so the panel keeps only its page's newest report.
   */
  setSubject: v.strictObject({
    customerId: v.nullable(Id),
    conversationId: v.nullable(Id),
    page: v.pipe(v.string(), v.regex(PAGE_ID_PATTERN)),
    seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
  }),
  ...LogRequests,

  // ── Workspace administration (the options page's Settings; the backend allows admins only) ──
  /** A page of the workspace's people with their lock status; null for the first. */
  listUsers: v.strictObject({ cursor: v.nullable(v.pipe(v.string(), v.maxLength(200))) }),
  /** Change a user's role, disable or re-enable them. */
  updateUser: v.strictObject({ id: Id, patch: UserPatch }),
  unlockUser: v.strictObject({ id: Id }),
  listApiKeys: v.undefined(),
  createApiKey: ApiKeyCreate,
  /** Change what a key may do. */
  updateApiKey: v.strictObject({ id: Id, patch: ApiKeyUpdate }),
  rotateApiKey: v.strictObject({ id: Id }),
  revokeApiKey: v.strictObject({ id: Id }),
  getRetention: v.undefined(),
  setRetention: RetentionPut,
  // ── end of workspace administration ──
  // ---- The log's tamper evidence (the options page's Settings; the backend allows admins only) ----
  getIntegrity: v.undefined(),
  /** `full`: check the whole chain, not only what follows the checkpoint the last good run reached. */
  verifyLog: v.strictObject({ full: v.boolean() }),
  signCheckpoint: v.undefined(),
  /** The checkpoint file of one checkpoint, or of the newest. */
  downloadCheckpoint: v.strictObject({ id: v.union([Id, v.literal('latest')]) }),
  // ---- end of the log's tamper evidence ----
  // ---- Saved views of the log (the audit page) ----
  listViews: v.undefined(),
  /** A new view of the signed-in person's: the filter in the log's query parameter form. */
  saveView: ViewCreate,
  updateView: v.strictObject({ id: Id, patch: ViewPatch }),
  deleteView: v.strictObject({ id: Id }),
  // ---- Pinning watches (the panel and the audit page) ----
  /** A new watch of the signed-in person's: a subject (optionally one property, one value) or a log filter, optionally a threshold. */
  createWatch: WatchCreate,
  // ---- end of pinning watches ----
  ...NotificationRequests,
  ...IntegrationRequests,
} as const;

export type SessionState =
  | { status: 'signed_out' }
  | {
      status: 'signed_in';
      backendUrl: string;
      user: SessionUser;
      expiresAt: string;
      /** Set by getSession when the backend could not be reached to confirm the session (it is kept meanwhile). */
      offline?: true;
    };

/**
 * `code` is the backend's error code (the `error.code` it answered), or one
 * of the extension's own: `offline` (the backend could not be reached),
 * `invalid_message` (a request that failed validation), `forbidden_sender`.
 * A `conflict` from restoreEvent carries `details: RestoreConflict`.
 */
export interface ResultError {
  code: string;
  message: string;
  details?: unknown;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: ResultError };

/** The header of the panel: who or what the subject is. */
export interface SubjectSummary {
  subject: Subject;
  label: string;
  /** A conversation's customer, so the panel can offer the Customer tab. */
  customerId: string | null;
}

/** 409 from a restore: the value now, and the event's before/after. */
export interface RestoreConflict {
  current: unknown;
  before: unknown;
  after: unknown;
}

type Data<K extends keyof typeof Requests> = v.InferOutput<(typeof Requests)[K]>;

/** For @webext-core/messaging's defineExtensionMessaging<ProtocolMap>(). */
export interface ProtocolMap {
  /** The popup's is confirmed with the backend (GET /auth/me) on every call, as it opens; the panel's is the stored one. */
  getSession(): SessionState;
  signIn(data: Data<'signIn'>): Result<SessionState>;
  signOut(): SessionState;
  getSubject(data: Data<'getSubject'>): Result<SubjectSummary>;
  getHistory(data: Data<'getHistory'>): Result<AuditPage>;
  restoreEvent(data: Data<'restoreEvent'>): Result<RestoreResult>;
  /** What each id stands for, by id; ids the backend does not name are absent. */
  getNames(data: Data<'getNames'>): Result<Record<string, NamedObject>>;
  /** Where the panel's page learns its tab's subjects from: the background keeps what the content script reported. */
  setSubject(data: Data<'setSubject'>): Result<null>;
  // The audit page: one page of the workspace log, its chart, its actors, customers by name, one change's rows.
  getLogPage(data: Data<'getLogPage'>): Result<AuditPage>;
  getLogActivity(data: Data<'getLogActivity'>): Result<LogActivity>;
  getLogActors(data: Data<'getLogActors'>): Result<LogActors>;
  getLogCustomers(data: Data<'getLogCustomers'>): Result<CustomerNames>;
  getLogChange(data: Data<'getLogChange'>): Result<AuditPage>;
  // ── Workspace administration ──
  listUsers(data: Data<'listUsers'>): Result<AdminUserPage>;
  updateUser(data: Data<'updateUser'>): Result<AdminUser>;
  unlockUser(data: Data<'unlockUser'>): Result<AdminUser>;
  listApiKeys(): Result<ApiKey[]>;
  /** The answer carries the new key's secret: shown once, never stored by the extension. */
  createApiKey(data: Data<'createApiKey'>): Result<ApiKeyWithSecret>;
  updateApiKey(data: Data<'updateApiKey'>): Result<ApiKey>;
  rotateApiKey(data: Data<'rotateApiKey'>): Result<ApiKeyWithSecret>;
  revokeApiKey(data: Data<'revokeApiKey'>): Result<null>;
  getRetention(): Result<Retention>;
  setRetention(data: Data<'setRetention'>): Result<Retention>;
  // ── end of workspace administration ──
  // ---- The log's tamper evidence ----
  getIntegrity(): Result<IntegrityStatus>;
  /** The run, recorded by the backend; a chain found altered is an answer (`ok: false`), not an error. */
  verifyLog(data: Data<'verifyLog'>): Result<Verification>;
  signCheckpoint(): Result<Checkpoint>;
  /** The file's text as served (what verifies), and its name. */
  downloadCheckpoint(data: Data<'downloadCheckpoint'>): Result<DownloadedCheckpoint>;
  // ---- end of the log's tamper evidence ----
  // ---- Saved views of the log (the audit page) ----
  /** The person's views and those others shared, by name, each narrowed to their role. */
  listViews(): Result<SavedView[]>;
  saveView(data: Data<'saveView'>): Result<SavedView>;
  updateView(data: Data<'updateView'>): Result<SavedView>;
  deleteView(data: Data<'deleteView'>): Result<null>;
  // ---- Pinning watches (the panel and the audit page) ----
  /** Sent in the schema's input form: `includeOwn` and `paused` may be left out (false). */
  createWatch(data: v.InferInput<typeof WatchCreate>): Result<Watch>;
  // ---- end of pinning watches ----
  // ---- Watches and notifications ----
  listWatches(): Result<Watch[]>;
  updateWatch(data: Data<'updateWatch'>): Result<Watch>;
  deleteWatch(data: Data<'deleteWatch'>): Result<null>;
  listNotifications(data: Data<'listNotifications'>): Result<NotificationPage>;
  markNotificationRead(data: Data<'markNotificationRead'>): Result<AppNotification>;
  markAllNotificationsRead(): Result<ReadAll>;
  // ---- end of watches and notifications ----
  // ---- Integrations ----
  listStreamDestinations(): Result<StreamDestination[]>;
  /** The answer carries a webhook's signing secret: shown once, never stored by the extension. */
  createStreamDestination(data: Data<'createStreamDestination'>): Result<StreamDestinationWithSecret>;
  updateStreamDestination(data: Data<'updateStreamDestination'>): Result<StreamDestination>;
  pauseStreamDestination(data: Data<'pauseStreamDestination'>): Result<StreamDestination>;
  resumeStreamDestination(data: Data<'resumeStreamDestination'>): Result<StreamDestination>;
  rotateStreamDestinationSecret(data: Data<'rotateStreamDestinationSecret'>): Result<StreamDestinationWithSecret>;
  deleteStreamDestination(data: Data<'deleteStreamDestination'>): Result<null>;
  listInboundWebhooks(): Result<InboundWebhook[]>;
  /** The answer carries the shared secret: shown once, never stored by the extension. */
  createInboundWebhook(data: Data<'createInboundWebhook'>): Result<InboundWebhookWithSecret>;
  rotateInboundWebhookSecret(data: Data<'rotateInboundWebhookSecret'>): Result<InboundWebhookWithSecret>;
  revokeInboundWebhook(data: Data<'revokeInboundWebhook'>): Result<null>;
  // ---- end of integrations ----

  /** Background → every panel page (runtime.sendMessage), with the tab the toggle-audit-panel command is for. */
  togglePanel(tabId: number): void;
}

/*
 * Live events travel over a long-lived port (runtime.connect) named
 * LIVE_PORT: the panel subscribes to one subject; the background keeps one
 * backend stream per subject however many panels watch it, and drops it
 * when the last port disconnects. The panel pings every PING_INTERVAL_MS,
 * which also keeps the MV3 service worker alive while a panel is open.
 */
export const LIVE_PORT = 'auditdesk-live';
export const PING_INTERVAL_MS = 20_000;

export const LiveRequest = v.variant('type', [
  v.strictObject({ type: v.literal('subscribe'), subject: HistorySubject }),
  v.strictObject({ type: v.literal('ping') }),
]);
export type LiveRequest = v.InferOutput<typeof LiveRequest>;

export type LiveMessage =
  | { type: 'event'; event: AuditEvent }
  | { type: 'status'; status: 'connecting' | 'live' | 'offline' | 'signed_out' };

// --- The audit page's live tail ---

/**
 * The audit page's live tail travels over its own port, LOG_LIVE_PORT: the
 * page subscribes with its filter (the API query) and the newest row it
 * shows, and gets the matching rows committed after it, as on LIVE_PORT.
 * One backend stream per port: each page has its own filter.
 */
export const LOG_LIVE_PORT = 'auditdesk-log-live';

export const LogLiveRequest = v.variant('type', [
  v.strictObject({ type: v.literal('subscribe'), query: LogQuery, after: v.nullable(Id) }),
  v.strictObject({ type: v.literal('ping') }),
]);
export type LogLiveRequest = v.InferOutput<typeof LogLiveRequest>;

// --- end of the audit page's live tail ---
