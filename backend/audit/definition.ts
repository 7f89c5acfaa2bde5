import type { InferSelectModel } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Category, Section, SubjectType } from '../../shared/enums';

/** The customer and conversation an object belongs to, copied onto its audit rows. */
export interface SubjectLinks {
  customerId: string | null;
  conversationId: string | null;
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
}

export const NO_LINKS: SubjectLinks = { customerId: null, conversationId: null };

export function defineEntity<TTable extends SQLiteTable>(definition: EntityDefinition<TTable>) {
  return definition;
}
