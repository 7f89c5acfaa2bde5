import { CATEGORIES, type Category } from '../../../shared/enums';
import { DEFAULT_RETENTION_DAYS } from '../../../shared/schemas/retention';
import type { Reader, Tx } from '../../db/sql';
import { findEntity } from '../engine';
import { retentionEntity } from './definition';

/** A workspace's retention as the API serves it and the purge applies it. */
export interface Retention {
  days: number;
  categoryDays: Partial<Record<Category, number>>;
}

export const DEFAULT_RETENTION: Retention = { days: DEFAULT_RETENTION_DAYS, categoryDays: {} };

/** The workspace's retention, or the default when it never set one. */
export async function retentionOf(db: Reader | Tx, orgId: string): Promise<Retention> {
  const row = await findEntity(db, orgId, retentionEntity, orgId);
  return row ? { days: row.days, categoryDays: row.categoryDays } : DEFAULT_RETENTION;
}

/** How many days rows of each category are kept. */
export function daysByCategory(retention: Retention): Record<Category, number> {
  return Object.fromEntries(CATEGORIES.map((c) => [c, retention.categoryDays[c] ?? retention.days])) as Record<Category, number>;
}
