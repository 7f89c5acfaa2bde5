import type { ApiKeyKind, Role } from '../../shared/enums';
import type { Actor } from '../audit/context';

/** Who is making a request: a signed-in user or an automation's API key. */
export interface Principal {
  orgId: string;
  actor: Actor;
  /** Present when a person is signed in. */
  user: { id: string; email: string; name: string; role: Role } | null;
  /** Present when an automation authenticated with an API key. */
  apiKey: { id: string; kind: ApiKeyKind; name: string } | null;
  /** The signed-in session, so sign-out can end it. */
  sessionId: string | null;
}
