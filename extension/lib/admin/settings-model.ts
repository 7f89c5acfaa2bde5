import { computed, createModel, signal } from '@preact/signals';
import { holderMay } from '../../../shared/permissions';
import type { SessionState } from '../messaging/protocol';
import type { AdminDeps } from './admin-deps';
import { ApiKeysModel } from './api-keys-model';
import { InboundWebhooksModel } from './inbound-webhooks-model';
import { IntegrityModel } from './integrity-model';
import { RetentionModel } from './retention-model';
import { accessOf, whyNoSettings } from './settings-access';
import { StreamsModel } from './streams-model';
import { UsersModel } from './users-model';

/**
 * The options page's Settings section: the backend connection for anyone
 * signed in, and the workspace's retention, users, API keys, log
 * integrity, log streaming and helpdesk webhooks for admins only. A
 * non-admin's page never asks the backend for them (which would refuse
 * them anyway); it says why they are not there.
 */
export const SettingsModel = createModel((deps: AdminDeps) => {
  const session = signal<SessionState | null>(null);
  const access = computed(() => (session.value ? accessOf(session.value) : ({ kind: 'loading' } as const)));
  const reason = computed(() => whyNoSettings(access.value));
  const connection = computed(() => (session.value?.status === 'signed_in' ? session.value : null));
  const signingOut = signal(false);
  const users = new UsersModel(deps);
  const apiKeys = new ApiKeysModel(deps);
  const retention = new RetentionModel(deps);
  const integrity = new IntegrityModel(deps);
  const streams = new StreamsModel(deps);
  const inboundWebhooks = new InboundWebhooksModel(deps);
  /** The log's tamper evidence, for the roles the backend lets verify it. */
  const mayCheckIntegrity = computed(() => session.value?.status === 'signed_in' && holderMay(session.value.user.role, 'audit:integrity'));
  /** Log streaming and helpdesk webhooks, for the roles the backend lets manage them. */
  const mayManageIntegrations = computed(() => session.value?.status === 'signed_in' && holderMay(session.value.user.role, 'integrations:manage'));

  let loads = 0;
  /** Reads the session and, for an admin, the workspace's settings; only the newest of overlapping loads is shown. */
  async function load() {
    const mine = ++loads;
    const state = await deps.getSession().catch((): SessionState => ({ status: 'signed_out' }));
    if (mine !== loads) return;
    session.value = state;
    const current = accessOf(state);
    if (current.kind !== 'admin') {
      // A secret shown to the admin who signed out is not left for whoever signs in next.
      apiKeys.dismissSecret();
      streams.dismissSecret();
      inboundWebhooks.dismissSecret();
      return;
    }
    await Promise.all([
      users.load(current.userId),
      apiKeys.load(),
      retention.load(),
      mayCheckIntegrity.value ? integrity.load() : null,
      mayManageIntegrations.value ? streams.load() : null,
      mayManageIntegrations.value ? inboundWebhooks.load() : null,
    ]);
  }

  return {
    access,
    reason,
    connection,
    signingOut,
    users,
    apiKeys,
    retention,
    integrity,
    mayCheckIntegrity,
    streams,
    inboundWebhooks,
    mayManageIntegrations,
    load,
    /** The clock lock statuses are read against. */
    now: () => deps.now(),

    /** Shows the new session's settings whenever the extension signs in or out elsewhere; answers the cleanup. */
    follow(): () => void {
      return deps.watchSession(() => void load());
    },

    async signOut() {
      if (signingOut.value) return;
      signingOut.value = true;
      session.value = await deps.signOut().catch((): SessionState => ({ status: 'signed_out' }));
      signingOut.value = false;
    },
  };
});
