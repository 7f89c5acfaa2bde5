import type { Role } from '../../../shared/enums';
import type { SessionState } from '../messaging/protocol';

/** What the Settings section may show: the workspace's settings are for admins only. */
export type SettingsAccess =
  | { kind: 'loading' }
  | { kind: 'signed_out' }
  | { kind: 'not_admin'; role: Exclude<Role, 'admin'> }
  | { kind: 'admin'; userId: string };

export function accessOf(state: SessionState): SettingsAccess {
  if (state.status !== 'signed_in') return { kind: 'signed_out' };
  const { id, role } = state.user;
  return role === 'admin' ? { kind: 'admin', userId: id } : { kind: 'not_admin', role };
}

const ARTICLE: Record<Exclude<Role, 'admin'>, string> = { agent: 'an agent', lead: 'a lead' };

/** The plain sentence a non-admin reads instead of the workspace's settings. */
export function whyNoSettings(access: SettingsAccess): string | null {
  switch (access.kind) {
    case 'signed_out':
      return 'Sign in from the Auditdesk toolbar button to see the workspace settings. They are for admins.';
    case 'not_admin':
      return `You are signed in as ${ARTICLE[access.role]}. The workspace's retention, users, API keys, log integrity, log streaming and helpdesk webhooks are managed by its admins, so they are not shown to you; ask an admin to change them.`;
    default:
      return null;
  }
}
