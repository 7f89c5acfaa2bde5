import * as v from 'valibot';
import type { NamedObject } from '../../../shared/schemas/names';
import type { AuditPage } from '../../../shared/audit-event';
import type { ApiClient } from '../../../shared/api-client';
import type { GetReturnType } from '@webext-core/messaging';
import { type ProtocolMap, Requests, type Result, type RestoreResult, type SessionState, type Subject, type SubjectSummary } from '../messaging/protocol';
import type { SessionService } from '../session/session-service';
import { type SenderContext, type SenderInfo, type SenderKind, senderKindOf } from './sender-policy';

export type RequestName = keyof typeof Requests;

/** Every request's name: the background answers each of them. */
export const REQUEST_NAMES = Object.keys(Requests) as RequestName[];

/** A handler for every request, answering what the protocol says it answers. */
export type RequestHandlers = { [K in RequestName]: (data: unknown, sender: SenderInfo) => Promise<GetReturnType<ProtocolMap[K]>> };
type Data<K extends RequestName> = v.InferOutput<(typeof Requests)[K]>;

/**
 * Who may send each request: signing in and out only from the popup, the
 * history and restore only from the panel's page, and from the content
 * script on a workspace page only the subject it sees.
 */
const ALLOWED: Record<RequestName, readonly SenderKind[]> = {
  getSession: ['extension_page', 'panel'],
  signIn: ['extension_page'],
  signOut: ['extension_page'],
  getSubject: ['panel'],
  getHistory: ['panel'],
  restoreEvent: ['panel'],
  getNames: ['panel', 'extension_page'],
  setSubject: ['workspace_script'],
  // The audit page is the options page, an extension page.
  getLogPage: ['extension_page'],
  getLogActivity: ['extension_page'],
  getLogActors: ['extension_page'],
  getLogCustomers: ['extension_page'],
  getLogChange: ['extension_page'],
  // Workspace administration: only the options page (the backend checks the role).
  listUsers: ['extension_page'],
  updateUser: ['extension_page'],
  unlockUser: ['extension_page'],
  listApiKeys: ['extension_page'],
  createApiKey: ['extension_page'],
  updateApiKey: ['extension_page'],
  rotateApiKey: ['extension_page'],
  revokeApiKey: ['extension_page'],
  getRetention: ['extension_page'],
  setRetention: ['extension_page'],
  getIntegrity: ['extension_page'],
  verifyLog: ['extension_page'],
  signCheckpoint: ['extension_page'],
  downloadCheckpoint: ['extension_page'],
  // Saved views: the audit page (the options page, an extension page).
  listViews: ['extension_page'],
  saveView: ['extension_page'],
  updateView: ['extension_page'],
  deleteView: ['extension_page'],
  // Pinning watches: from the panel (a subject, a property of it) and the audit page (a filter, a threshold).
  createWatch: ['panel', 'extension_page'],
  // Watches and notifications: the popup; the panel also lists and stops the watches it shows.
  listWatches: ['extension_page', 'panel'],
  updateWatch: ['extension_page', 'panel'],
  deleteWatch: ['extension_page', 'panel'],
  listNotifications: ['extension_page'],
  markNotificationRead: ['extension_page'],
  markAllNotificationsRead: ['extension_page'],
  // Integrations: only the options page (the backend checks the role).
  listStreamDestinations: ['extension_page'],
  createStreamDestination: ['extension_page'],
  updateStreamDestination: ['extension_page'],
  pauseStreamDestination: ['extension_page'],
  resumeStreamDestination: ['extension_page'],
  rotateStreamDestinationSecret: ['extension_page'],
  deleteStreamDestination: ['extension_page'],
  listInboundWebhooks: ['extension_page'],
  createInboundWebhook: ['extension_page'],
  rotateInboundWebhookSecret: ['extension_page'],
  revokeInboundWebhook: ['extension_page'],
};

export interface RequestHandlerDeps {
  session: SessionService;
  /** Read per message: the options page can change the workspace patterns at any time. */
  senderContext(): Promise<SenderContext>;
  /** The newest event of an unfiltered first history page, so a live stream opened next can start right after it. */
  historyShown?(subject: Subject, newestEventId: string): Promise<void>;
  /** Keeps what a tab's content script sees for that tab's panel. */
  subjectShown(tabId: number, subjects: Data<'setSubject'>): Promise<void>;
  /** Notifications were marked read here: the toolbar badge follows at once, without waiting for the stream. */
  notificationsRead?(unreadCount: number | null): Promise<void>;
}

/** Rows per page of the audit page's log: the API's largest, so 100,000 rows take 500 requests. */
const LOG_PAGE_SIZE = 200;

/** The same answer for every refused message: it tells a forger nothing. */
type Refusal = { ok: false; error: { code: 'invalid_message' | 'forbidden_sender'; message: string } };

/**
 * The background's answers to the protocol's requests. Each message is
 * checked in the same order: the sender (this extension, from a place
 * allowed to ask), then the data (the `Requests` schema, unknown fields
 * rejected). A refused message gets a failed Result — or, for the two
 * requests that answer a SessionState, the signed-out state — and nothing
 * is done.
 */
export function createRequestHandlers(deps: RequestHandlerDeps): RequestHandlers {
  async function admit<K extends RequestName>(name: K, data: unknown, sender: SenderInfo): Promise<{ data: Data<K>; kind: SenderKind } | Refusal> {
    const kind = senderKindOf(sender, await deps.senderContext());
    if (!ALLOWED[name].includes(kind)) {
      return { ok: false, error: { code: 'forbidden_sender', message: `${name} is not accepted from this sender.` } };
    }
    const parsed = v.safeParse(Requests[name], data);
    if (!parsed.success) return { ok: false, error: { code: 'invalid_message', message: `${name}: ${v.summarize(parsed.issues)}` } };
    return { data: parsed.output as Data<K>, kind };
  }

  /** A request that only relays one backend call: admitted, then `call` with the client and the request's data. */
  function relay<K extends RequestName, T>(name: K, call: (client: ApiClient, data: Data<K>) => Promise<T>) {
    return async (data: unknown, sender: SenderInfo): Promise<Result<T>> => {
      const admitted = await admit(name, data, sender);
      return 'data' in admitted ? session.call((client) => call(client, admitted.data)) : admitted;
    };
  }

  const { session } = deps;
  return {
    /**
     * The popup's answer is confirmed with the backend as it opens; the panel
     * only needs the stored role (to offer what it allows) and asks as the
     * history loads, so it gets no extra backend request. A role changed
     * since is refused by the backend all the same.
     */
    async getSession(data: unknown, sender: SenderInfo): Promise<SessionState> {
      const admitted = await admit('getSession', data, sender);
      if (!('data' in admitted)) return { status: 'signed_out' };
      return admitted.kind === 'panel' ? session.state() : session.confirm();
    },

    async signIn(data: unknown, sender: SenderInfo): Promise<Result<SessionState>> {
      const admitted = await admit('signIn', data, sender);
      return 'data' in admitted ? session.signIn(admitted.data) : admitted;
    },

    async signOut(data: unknown, sender: SenderInfo): Promise<SessionState> {
      const admitted = await admit('signOut', data, sender);
      return 'data' in admitted ? session.signOut() : session.state();
    },

    async getSubject(data: unknown, sender: SenderInfo): Promise<Result<SubjectSummary>> {
      const admitted = await admit('getSubject', data, sender);
      if (!('data' in admitted)) return admitted;
      const subject = admitted.data;
      return session.call(async (client) => {
        if (subject.type === 'customer') return { subject, label: (await client.customer(subject.id)).name, customerId: null };
        const conversation = await client.conversation(subject.id);
        return { subject, label: conversation.name, customerId: conversation.customerId };
      });
    },

    async getHistory(data: unknown, sender: SenderInfo): Promise<Result<AuditPage>> {
      const admitted = await admit('getHistory', data, sender);
      if (!('data' in admitted)) return admitted;
      const { subject, filters, cursor } = admitted.data;
      const page = await session.call((client) => client.history(subject, filters, cursor));
      const newest = page.ok ? page.value.items[0] : undefined;
      if (newest && cursor === null && Object.values(filters).every((value) => value === undefined)) await deps.historyShown?.(subject, newest.id);
      return page;
    },

    restoreEvent: relay('restoreEvent', async (client, { eventId, force }): Promise<RestoreResult> => {
      const { event, events } = await client.restore(eventId, force);
      return { event, events };
    }),

    getNames: relay('getNames', (client, ids): Promise<Record<string, NamedObject>> => client.names(ids)),

    // --- The audit page ---

    getLogPage: relay('getLogPage', (client, { query, cursor }) => client.log(new URLSearchParams(query), cursor, LOG_PAGE_SIZE)),
    getLogActivity: relay('getLogActivity', (client, { query, bucket }) => client.activity(new URLSearchParams(query), bucket)),
    getLogActors: relay('getLogActors', (client, { query }) => client.actors(new URLSearchParams(query))),
    getLogCustomers: relay('getLogCustomers', (client, { prefix }) => client.customerNames(prefix)),
    /** One page of a change's rows: the log filtered to its changeId. */
    getLogChange: relay('getLogChange', (client, { changeId, cursor }) => client.log(new URLSearchParams({ change: changeId }), cursor, LOG_PAGE_SIZE)),

    // Saved views of the log (the audit page).
    listViews: relay('listViews', (client) => client.views()),
    saveView: relay('saveView', (client, view) => client.createView(view)),
    updateView: relay('updateView', (client, { id, patch }) => client.updateView(id, patch)),
    deleteView: relay('deleteView', async (client, { id }) => {
      await client.deleteView(id);
      return null;
    }),

    // ---- Pinning watches (the panel and the audit page) ----
    createWatch: relay('createWatch', (client, watch) => client.createWatch(watch)),
    // ---- end of pinning watches ----

    // ---- Watches and notifications ----
    listWatches: relay('listWatches', (client) => client.watches()),
    updateWatch: relay('updateWatch', (client, { id, patch }) => client.updateWatch(id, patch)),
    deleteWatch: relay('deleteWatch', async (client, { id }) => {
      await client.deleteWatch(id);
      return null;
    }),
    listNotifications: relay('listNotifications', (client, { cursor, unread }) => client.notifications({ cursor, unread })),
    markNotificationRead: relay('markNotificationRead', async (client, { id }) => {
      const notification = await client.markNotificationRead(id);
      // The answer has no count: null asks the badge to fetch it.
      await deps.notificationsRead?.(null);
      return notification;
    }),
    markAllNotificationsRead: relay('markAllNotificationsRead', async (client) => {
      const marked = await client.markAllNotificationsRead();
      await deps.notificationsRead?.(marked.unreadCount);
      return marked;
    }),
    // ---- end of watches and notifications ----

    async setSubject(data: unknown, sender: SenderInfo): Promise<Result<null>> {
      const admitted = await admit('setSubject', data, sender);
      if (!('data' in admitted)) return admitted;
      const tabId = sender.tab?.id;
      if (tabId === undefined) return { ok: false, error: { code: 'forbidden_sender', message: 'setSubject is not accepted from this sender.' } };
      await deps.subjectShown(tabId, admitted.data);
      return { ok: true, value: null };
    },

    // Workspace administration (the options page's Settings).
    listUsers: relay('listUsers', (client, { cursor }) => client.users(cursor)),
    updateUser: relay('updateUser', (client, { id, patch }) => client.updateUser(id, patch)),
    unlockUser: relay('unlockUser', (client, { id }) => client.unlockUser(id)),
    listApiKeys: relay('listApiKeys', (client) => client.apiKeys()),
    createApiKey: relay('createApiKey', (client, input) => client.createApiKey(input)),
    updateApiKey: relay('updateApiKey', (client, { id, patch }) => client.updateApiKey(id, patch)),
    rotateApiKey: relay('rotateApiKey', (client, { id }) => client.rotateApiKey(id)),
    revokeApiKey: relay('revokeApiKey', async (client, { id }) => {
      await client.revokeApiKey(id);
      return null;
    }),
    getRetention: relay('getRetention', (client) => client.retention()),
    setRetention: relay('setRetention', (client, input) => client.setRetention(input)),

    // The log's tamper evidence (the options page's Settings).
    getIntegrity: relay('getIntegrity', (client) => client.integrity()),
    verifyLog: relay('verifyLog', (client, { full }) => client.verify({ full })),
    signCheckpoint: relay('signCheckpoint', (client) => client.signCheckpoint()),
    downloadCheckpoint: relay('downloadCheckpoint', (client, { id }) => client.checkpointFile(id)),

    // Integrations (the options page's Settings).
    listStreamDestinations: relay('listStreamDestinations', (client) => client.streamDestinations()),
    createStreamDestination: relay('createStreamDestination', (client, input) => client.createStreamDestination(input)),
    updateStreamDestination: relay('updateStreamDestination', (client, { id, patch }) => client.updateStreamDestination(id, patch)),
    pauseStreamDestination: relay('pauseStreamDestination', (client, { id }) => client.pauseStreamDestination(id)),
    resumeStreamDestination: relay('resumeStreamDestination', (client, { id }) => client.resumeStreamDestination(id)),
    rotateStreamDestinationSecret: relay('rotateStreamDestinationSecret', (client, { id }) => client.rotateStreamDestinationSecret(id)),
    deleteStreamDestination: relay('deleteStreamDestination', async (client, { id }) => {
      await client.deleteStreamDestination(id);
      return null;
    }),
    listInboundWebhooks: relay('listInboundWebhooks', (client) => client.inboundWebhooks()),
    createInboundWebhook: relay('createInboundWebhook', (client, input) => client.createInboundWebhook(input)),
    rotateInboundWebhookSecret: relay('rotateInboundWebhookSecret', (client, { id }) => client.rotateInboundWebhookSecret(id)),
    revokeInboundWebhook: relay('revokeInboundWebhook', async (client, { id }) => {
      await client.revokeInboundWebhook(id);
      return null;
    }),
  };
}

