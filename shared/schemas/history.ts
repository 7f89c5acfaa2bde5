import * as v from 'valibot';
import { AuditFilterFields } from './audit';
import { Id } from './common';

/** A customer or a conversation: the subjects with a history of their own (`GET /customers/:id/audit`, `/conversations/:id/audit`). */
export const HistorySubject = v.strictObject({
  type: v.picklist(['customer', 'conversation']),
  id: Id,
});
export type HistorySubject = v.InferOutput<typeof HistorySubject>;

/** The filters of a subject's history that the extension's panel offers: the audit log's own, a subset. */
export const HistoryFilters = v.strictObject({
  event: AuditFilterFields.event,
  actorKind: AuditFilterFields.actorKind,
  property: AuditFilterFields.property,
});
export type HistoryFilters = v.InferOutput<typeof HistoryFilters>;
