import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { CATEGORIES, type Category } from '../../../shared/enums';
import type { Tx } from '../../db/sql';
import { organizations } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { type AuditContext, NO_SOURCE, SYSTEM_ACTOR } from '../context';
import { NO_LINKS } from '../definition';
import { appendAudit } from '../engine';
import { RETENTION_LABEL, retentionEntity } from './definition';
import { daysByCategory, retentionOf } from './settings';

/*
 * Deleting audit rows is the one deliberate exception to the append-only log
 * (see test/architecture/one-write-path.test.ts): rows older than the
 * workspace's retention are removed, and the removal itself is recorded as a
 * `purged` row by the system. The FTS index follows through its delete trigger.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows per write transaction: small enough that a batch never holds writers up noticeably. */
export const PURGE_BATCH_SIZE = 500;

export type PurgeDeps = Pick<AppDeps, 'db' | 'writes' | 'now' | 'newId'>;

/** What one run removed from one workspace. */
export interface PurgeReport {
  orgId: string;
  /** The cutoff of the workspace's default days; categories with overrides have their own. */
  cutoff: string;
  count: number;
  byCategory: Partial<Record<Category, { cutoff: string; count: number }>>;
}

/**
 * Deletes, in every workspace, the audit rows older than its retention
 * (a row exactly at the cutoff is kept), and records one `purged` row per
 * workspace that lost any. Returns what it removed, workspaces with nothing
 * expired left out.
 */
export async function purgeExpiredAudit(deps: PurgeDeps, options: { batchSize?: number } = {}): Promise<PurgeReport[]> {
  const batchSize = options.batchSize ?? PURGE_BATCH_SIZE;
  const now = deps.now();
  const orgs = await deps.db.reader.select({ id: organizations.id }).from(organizations);
  const reports: PurgeReport[] = [];
  for (const { id } of orgs) {
    const report = await purgeOrganization(deps, id, now, batchSize);
    if (report.count > 0) reports.push(report);
  }
  return reports;
}

async function purgeOrganization(deps: PurgeDeps, orgId: string, now: Date, batchSize: number): Promise<PurgeReport> {
  const retention = await retentionOf(deps.db.reader, orgId);
  const days = daysByCategory(retention);
  const report: PurgeReport = { orgId, cutoff: cutoffOf(now, retention.days).toISOString(), count: 0, byCategory: {} };
  for (const category of CATEGORIES) {
    const cutoff = cutoffOf(now, days[category]);
    let count = 0;
    for (;;) {
      const deleted = await deps.writes.run((tx) => deleteBatch(tx, orgId, category, cutoff.getTime(), batchSize));
      count += deleted;
      if (deleted < batchSize) break;
      // Let queued requests and their writes run between batches.
      await yieldToOthers();
    }
    if (count > 0) report.byCategory[category] = { cutoff: cutoff.toISOString(), count };
    report.count += count;
  }
  if (report.count > 0) await deps.writes.run((tx) => recordPurge(tx, systemContext(deps, orgId), report));
  return report;
}

function cutoffOf(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/** Deletes up to `limit` rows of one category older than `cutoffMs`, through the (org, category, time) index. */
async function deleteBatch(tx: Tx, orgId: string, category: Category, cutoffMs: number, limit: number): Promise<number> {
  const result = await tx.run(sql`
    DELETE FROM audit_events WHERE rowid IN (
      SELECT rowid FROM audit_events
      WHERE org_id = ${orgId} AND category = ${category} AND occurred_at < ${cutoffMs}
      LIMIT ${limit})`);
  return result.rowsAffected;
}

function systemContext(deps: PurgeDeps, orgId: string): AuditContext {
  return { orgId, actor: SYSTEM_ACTOR, source: NO_SOURCE, now: deps.now, newId: deps.newId };
}

/** The run's one `purged` row, about the workspace's retention setting. Written after the deletes, so never purged by them. */
function recordPurge(tx: Tx, ctx: AuditContext, report: PurgeReport): Promise<void> {
  return appendAudit(tx, ctx, [
    {
      event: 'purged',
      category: retentionEntity.category,
      section: retentionEntity.section,
      subject: { type: retentionEntity.subjectType, id: report.orgId, label: RETENTION_LABEL },
      links: NO_LINKS,
      property: null,
      before: null,
      after: null,
      context: { cutoff: report.cutoff, count: report.count, byCategory: report.byCategory },
    },
  ]);
}
