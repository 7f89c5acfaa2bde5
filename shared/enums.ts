/**
 * The product's vocabulary, shared by backend, extension and tests. The log's
 * column and filter names map to them: Performed By → actor, Event Type →
 * category, Section, Property, Before/After.
 */

export const ROLES = ['agent', 'lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who performed a change: a person, an automation acting through an API key, or the system itself. */
export const ACTOR_TYPES = ['user', 'workflow', 'business_rule', 'queue_router', 'api', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** Who performed a change, in the panel's "people vs automations" sense: a user, or anything else. */
export const ACTOR_KINDS = ['person', 'automation'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** The kinds of API key an automation can hold; each becomes the actor type of its changes. */
export const API_KEY_KINDS = ['workflow', 'business_rule', 'queue_router', 'api'] as const;
export type ApiKeyKind = (typeof API_KEY_KINDS)[number];

/** The log's categories of events: its "Event Types" filter. */
export const CATEGORIES = ['authorization', 'billing', 'conversation', 'customer', 'settings', 'work_session'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The standard object or setting area a change belongs to. */
export const SECTIONS = [
  'conversation',
  'customer',
  'company',
  'message',
  'voice',
  'business_rule',
  'workflow',
  'routing',
  'satisfaction',
  'shortcut',
  'saved_search',
  'search_settings',
  /** Saved views of the audit log (a person's named filters). */
  'saved_view',
  /** Watches: a person's pinned notifications of changes (made, changed, paused, deleted). */
  'notifications',
  'team_pulse',
  'user_login',
  'billing',
  'access',
  /** Connections with other systems: outbound log streams and inbound helpdesk webhooks. */
  'integrations',
] as const;
export type Section = (typeof SECTIONS)[number];

export const EVENTS = [
  'create',
  'update',
  'delete',
  'merge',
  'redact',
  'sla_breach',
  'enabled',
  'disabled',
  'status_changed',
  'queue_entered',
  'accepted',
  'assigned',
  'survey_scheduled',
  'survey_offered',
  'survey_rated',
  'survey_commented',
  'shortcut_applied',
  'shortcut_message',
  'login',
  'login_failed',
  'locked_out',
  'unlocked',
  'logout',
  'password_changed',
  /** A password change with a wrong current password (or while the account was locked): a failed password attempt. */
  'password_change_failed',
  'session_revoked',
  'access_denied',
  'key_created',
  'key_revoked',
  'key_rotated',
  /** The retention purge deleted expired audit rows (one row per run and workspace). */
  'purged',
  /** An admin downloaded (part of) the workspace log (category settings, section access). */
  'export',
  /**
   * Tamper refused: a change or removal of audit rows (or tombstones, checkpoints, a chain head) that the
   * log's append-only storage refused, filed under the caller who attempted it (category settings, section access).
   */
  'tamper_refused',
] as const;
export type AuditEventName = (typeof EVENTS)[number];

/** The object types an audit row can be about. */
export const SUBJECT_TYPES = [
  'customer',
  'company',
  'conversation',
  'message',
  'voice_recording',
  'business_rule',
  'workflow',
  'shortcut',
  'saved_search',
  'saved_view',
  /** A person's watch: a record, filter or threshold they are notified of. */
  'watch',
  'agent',
  'survey',
  'billing_account',
  'user',
  'api_key',
  /** The workspace's audit-log retention settings (id = org id). */
  'retention_settings',
  /** Where the log is streamed out to: a webhook or a JSON Lines file. */
  'stream_destination',
  /** A helpdesk's object-update webhook, signed with a shared secret, whose changes become audit events. */
  'inbound_webhook',
] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export const CONVERSATION_STATUSES = ['open', 'snoozed', 'done'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CHANNELS = ['email', 'chat', 'sms', 'voice'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Routing states an agent can be in; `routable` says whether conversations are pushed to them. */
export const AGENT_STATUSES = ['available', 'busy', 'away', 'offline'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

export const SHARE_ACCESS = ['private', 'teams', 'everyone'] as const;
export type ShareAccess = (typeof SHARE_ACCESS)[number];

/** Where an outbound log stream delivers: HTTPS webhook (JSON batches) or a JSON Lines file on the server. */
export const STREAM_DESTINATION_KINDS = ['webhook', 'jsonl_file'] as const;
export type StreamDestinationKind = (typeof STREAM_DESTINATION_KINDS)[number];

/** A destination delivers while active; paused by an admin, or by the server after failing too long. */
export const STREAM_DESTINATION_STATUSES = ['active', 'paused'] as const;
export type StreamDestinationStatus = (typeof STREAM_DESTINATION_STATUSES)[number];
