import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { SubjectType } from '../../shared/enums';
import type { RestorableSubject } from '../../shared/restorable';
import type { ShortcutActionInput } from '../../shared/schemas/shortcuts';
import type { Permission } from '../auth/permissions';
import type { Tx } from '../db/sql';
import { billingAccountEntity } from '../entities/billing/definition';
import { businessRuleEntity } from '../entities/business-rules/definition';
import { companyEntity } from '../entities/companies/definition';
import { conversationEntity } from '../entities/conversations/definition';
import { conversationPatch } from '../entities/conversations/patch';
import { assertCompanyLink } from '../entities/customers/company-link';
import { customerEntity } from '../entities/customers/definition';
import { messageEntity } from '../entities/messages/definition';
import { redactedError } from '../entities/messages/redact';
import { assertAudience } from '../entities/saved-searches/audience';
import { savedSearchEntity } from '../entities/saved-searches/definition';
import { shortcutEntity } from '../entities/shortcuts/definition';
import { assertShortcutReferences } from '../entities/shortcuts/references';
import { workflowEntity } from '../entities/workflows/definition';
import type { AuditContext } from './context';
import type { EntityDefinition } from './definition';
import type { EntityPatch } from './engine';

/**
 * The objects whose changes can be put back from the log, what a caller needs
 * to edit them, and the checks their own PATCH routes make on a change
 * (reused here so a restore can never write what the edit form could not).
 *
 * Deliberately absent: users and API keys (their routes guard self-lock-out,
 * unique emails and credential lifecycles), agents' routing state (status
 * derives online/routable), surveys (their changes record what the customer
 * answered) and voice recordings (never edited). Their events are refused.
 */
export interface Restorable<T extends SQLiteTable = SQLiteTable> {
  def: EntityDefinition<T>;
  /** The permission the subject's own edit route requires. */
  write: Permission;
  /** Turns the restoring patch into the change to write, as the PATCH route does. */
  toPatch?: (tx: Tx, ctx: AuditContext, patch: EntityPatch<T>, current: T['$inferSelect']) => Promise<EntityPatch<T>>;
}

function restorable<T extends SQLiteTable>(entry: Restorable<T>): Restorable {
  // Erases the table type so entries of different tables share one map; each
  // entry's toPatch only ever receives rows of its own definition.
  return entry as unknown as Restorable;
}

// Typed over RESTORABLE_SUBJECTS: the panel offers restore for exactly these (shared/restorable.ts).
const REGISTRY: Record<RestorableSubject, Restorable> = {
  customer: restorable({
    def: customerEntity,
    write: 'support:write',
    toPatch: async (tx, ctx, patch) => {
      await assertCompanyLink(tx, ctx.orgId, patch);
      return patch;
    },
  }),
  company: restorable({ def: companyEntity, write: 'support:write' }),
  conversation: restorable({
    def: conversationEntity,
    write: 'support:write',
    // The same derivations as PATCH: leaving snoozed clears the snooze, reopening clears why it ended.
    toPatch: (tx, ctx, patch, current) => conversationPatch(tx, ctx, patch as Parameters<typeof conversationPatch>[2], current),
  }),
  message: restorable({
    def: messageEntity,
    write: 'support:write',
    toPatch: async (_tx, _ctx, patch, current) => {
      if (current.redactedAt) throw redactedError();
      return patch;
    },
  }),
  business_rule: restorable({ def: businessRuleEntity, write: 'settings:write' }),
  workflow: restorable({ def: workflowEntity, write: 'settings:write' }),
  shortcut: restorable({
    def: shortcutEntity,
    write: 'settings:write',
    toPatch: async (tx, ctx, patch) => {
      await assertShortcutReferences(tx, ctx.orgId, {
        ...(patch.sharedUsers ? { sharedUsers: patch.sharedUsers } : {}),
        ...(patch.sharedTeams ? { sharedTeams: patch.sharedTeams } : {}),
        // Recorded values were once accepted by ShortcutPatch, so they have the input's shape.
        ...(patch.actions ? { actions: patch.actions as ShortcutActionInput[] } : {}),
      });
      return patch;
    },
  }),
  saved_search: restorable({
    def: savedSearchEntity,
    write: 'settings:write',
    toPatch: async (tx, ctx, patch) => {
      await assertAudience(tx, ctx.orgId, patch);
      return patch;
    },
  }),
  billing_account: restorable({ def: billingAccountEntity, write: 'billing:write' }),
};

export function restorableOf(subjectType: SubjectType): Restorable | undefined {
  return (REGISTRY as Partial<Record<SubjectType, Restorable>>)[subjectType];
}
