import type { ActorType, AuditEventName, Category, Section, SubjectType } from './enums';

/** One audit row as the API serves it (backend/audit/present.ts builds it). */
export interface AuditEvent {
  id: string;
  occurredAt: string;
  actor: { type: ActorType; id: string | null; name: string };
  event: AuditEventName;
  category: Category;
  section: Section;
  subject: { type: SubjectType; id: string; label: string };
  customerId: string | null;
  conversationId: string | null;
  property: string | null;
  before: unknown;
  after: unknown;
  changeId: string;
  /** Extra facts: the shortcut that made a change, the event a restore reverts, a redaction mark. */
  context: Record<string, unknown> | null;
  /** Where the change came from. `ip` and `userAgent` are people's personal data: null for every caller but admins. */
  source: { requestId: string | null; ip: string | null; userAgent: string | null; apiKeyId: string | null };
}

export interface AuditPage {
  items: AuditEvent[];
  nextCursor: string | null;
}
