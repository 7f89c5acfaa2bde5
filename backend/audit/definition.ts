import type { InferSelectModel } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Category, Section, SubjectType } from '../../shared/enums';
import type { Tx } from '../db/sql';
import type { AuditContext } from './context';
import type { EntityPatch } from './engine';

/** The customer and conversation an object belongs to, copied onto its audit rows. */
export interface SubjectLinks {
  customerId: string | null;
  conversationId: string | null;
}

/**
 * How a change to an object is put back from the log (POST /audit/:id/restore):
 * the checks its own edit route makes on a change, reused so a restore can
 * never write what the edit form could not. Who may restore is one rule for
 * the backend and the panel alike (shared/restorable.ts).
 *
 * Objects without it are never restored: users and API keys (their routes
 * guard self-lock-out, unique emails and credential lifecycles), agents'
 * routing state (status derives online/routable), surveys (their changes
 * record what the customer answered), voice recordings (never edited).
 */
export interface RestoreFacts<TTable extends SQLiteTable = SQLiteTable> {
  /** Turns the restoring patch into the change to write, as the edit route does. */
  toPatch?: (tx: Tx, ctx: AuditContext, patch: EntityPatch<TTable>, current: InferSelectModel<TTable>) => Promise<EntityPatch<TTable>>;
}

/**
 * How the audit engine treats one kind of object: which table holds it, which
 * properties are audited, and where its rows are filed (category, section).
 * Every audited table has `id`, `org_id`, `created_at`, `updated_at` and
 * `deleted_at` columns (see `lifecycle()` in the schema).
 */
export interface EntityDefinition<TTable extends SQLiteTable = SQLiteTable> {
  subjectType: SubjectType;
  table: TTable;
  category: Category;
  section: Section;
  /** Properties audited on update, in display order; `custom` expands into `custom.<name>`. */
  tracked: readonly (keyof InferSelectModel<TTable> & string)[];
  label(row: InferSelectModel<TTable>): string;
  links(row: InferSelectModel<TTable>): SubjectLinks;
  /** Present when the object's changes can be restored from the log; `{}` when its edit route checks nothing beyond the schema. */
  restore?: RestoreFacts<TTable>;
}

export const NO_LINKS: SubjectLinks = { customerId: null, conversationId: null };

// Every definition, by the subject type its rows carry: filled as the entity
// modules load (the app's routers import all of them), so the definitions
// themselves are the one list of what is audited.
const DEFINED = new Map<SubjectType, EntityDefinition>();

export function defineEntity<TTable extends SQLiteTable>(definition: EntityDefinition<TTable>) {
  if (DEFINED.has(definition.subjectType)) throw new Error(`Two entity definitions for subject type "${definition.subjectType}".`);
  // Erases the table type so definitions of different tables share one map;
  // each one's hooks only ever receive rows of its own table.
  DEFINED.set(definition.subjectType, definition as unknown as EntityDefinition);
  return definition;
}

/** The definition of the objects audit rows of `subjectType` are about, once its module has loaded. */
export function definitionOf(subjectType: SubjectType): EntityDefinition | undefined {
  return DEFINED.get(subjectType);
}
