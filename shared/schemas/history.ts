import * as v from 'valibot';
import { EVENTS } from '../enums';
import { AuditFilterFields } from './audit';
import { Id, SafeString } from './common';

/** A customer or a conversation: the subjects with a history of their own (`GET /customers/:id/audit`, `/conversations/:id/audit`). */
export const HistorySubject = v.strictObject({
  type: v.picklist(['customer', 'conversation']),
  id: Id,
});
export type HistorySubject = v.InferOutput<typeof HistorySubject>;

/**
 * The filters of a subject's history that the extension's panel offers: a
 * subset of the audit log's own, one value each (the API also takes several).
 */
export const HistoryFilters = v.strictObject({
  event: v.optional(v.picklist(EVENTS)),
  actorKind: AuditFilterFields.actorKind,
  property: v.optional(v.pipe(SafeString, v.trim(), v.nonEmpty('must not be empty'), v.maxLength(200))),
});
export type HistoryFilters = v.InferOutput<typeof HistoryFilters>;
