import type { ApiKeyKind, Role } from '../../shared/enums';
import type { ApiKeyScope } from '../../shared/permissions';
import type { Actor } from '../audit/context';

/** Who is making a request: a signed-in user or an automation's API key. */
export interface Principal {
  orgId: string;
  actor: Actor;
  /** Present when a person is signed in. */
  user: { id: string; email: string; name: string; role: Role } | null;
  /** Present when an automation authenticated with an API key; `scopes` bound what it may do. */
  apiKey: { id: string; kind: ApiKeyKind; name: string; scopes: readonly ApiKeyScope[] } | null;
  /** The signed-in session, so sign-out can end it. */
  sessionId: string | null;
}

/** A signed-in person of a workspace: whose saved views, watches and notifications a request is about. */
export interface Person {
  orgId: string;
  userId: string;
}

/** The caller as a person. Only routes that require a permission no API key holds (views:use, watches:use) call it. */
export function personOf(principal: Principal): Person {
  if (!principal.user) throw new Error('A route for people was reached without a signed-in person: it must require a permission only people hold.');
  return { orgId: principal.orgId, userId: principal.user.id };
}
