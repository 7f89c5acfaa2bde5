import { integer, text } from 'drizzle-orm/sqlite-core';

/**
 * Column builders every workspace table shares. Ids are ULIDs (sortable,
 * unique); system timestamps are epoch milliseconds; attribute values that a
 * person sets (birthday, snooze time) are kept as the ISO strings they came in.
 */
export const id = () => text('id').primaryKey();
export const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });
export const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();
export const flag = (name: string) => integer(name, { mode: 'boolean' });

/** Custom attributes: a flat object of JSON values, audited as `custom.<name>`. */
export type CustomAttributes = Record<string, unknown>;

export const lifecycle = () => ({
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
  deletedAt: timestamp('deleted_at'),
});
