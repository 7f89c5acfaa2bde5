import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { CATEGORIES, type Category } from '../../../shared/enums';
import type { Tx } from '../../db/sql';
import { organizations } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { type AuditContext, NO_SOURCE, SYSTEM_ACTOR } from '../context';
import { NO_LINKS } from '../definition';
import { appendAudit } from '../engine';
import { withAuditMaintenance } from '../chain/maintenance';
import { RETENTION_LABEL, retentionEntity } from './definition';
import { daysByCategory, retentionOf } from './settings';
import { adoptOrphanTombstones, type Anchor, deleteWithTombstones, hasOrphanTombstones, moveAnchor, tombstonesOf } from './tombstones';

/*
 * Deleting audit rows is the one deliberate exception to the append-only log
 * (see test/architecture/one-write-path.test.ts): rows older than the
 * workspace's retention are removed, and the removal itself is recorded as a
 * `purged` row by the system. The FTS index follows through its delete trigger.
 *
 * The chain keeps verifying after a purge:
 * - Every deleted chained event leaves a tombstone (its seq, leaf hash and
 *   chain hash) naming the run's purge id, which is the id the run's `purged`
 *   event gets, decided before the first delete. The leaf is recomputed from
 *   the stored row.
 * - After the deletes, the anchor (audit_chain_heads.anchor_seq/anchor_hash)
 *   moves to the end of the purged prefix: the largest seq a such that no
 *   event is left at or below a. Tombstones at or below the anchor are
 *   dropped; the chain verifies from the anchor's hash.
 * - The `purged` event is on the chain, after its tombstones, with context
 *   { cutoff, count, byCategory, anchor: { seq, hash (hex) } | null,
 *   tombstones: n }: the anchor the chain verifies from after the run (null
 *   while none), and how many tombstones name this run when it ends.
 *
 * The rule a verifier checks for tombstones: every tombstone lies above the
 * anchor and names a purge id P that is an event of the chain (event
 * `purged`, at a greater seq than the tombstone), and the tombstones naming
 * P number at most P's context.tombstones (which is never more than its
 * context.count, the events it removed, adopted ones included). Each
 * tombstone stands in for its event's link: SHA-256(previous hash ‖ leaf)
 * must equal its hash.
 * To keep that checkable, a `purged` event that tombstones still name is
 * never purged itself, and a run that stopped before recording its event
 * (its tombstones name no event) has them adopted by the next run.
 * Anchor moves only drop tombstones, so the count can only fall below what
 * P recorded; a verifier cannot tell a dropped tombstone's place from a
 * forged one's while P's count has room, which is why the count is kept as
 * small as the run left it rather than the number of rows deleted.
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
  const purgeId = deps.newId();
  for (const category of CATEGORIES) {
    const cutoff = cutoffOf(now, days[category]);
    let count = 0;
    for (;;) {
      const deleted = await deps.writes.run((tx) =>
        withAuditMaintenance(tx, 'purge', () => deleteWithTombstones(tx, orgId, category, cutoff.getTime(), batchSize, purgeId)),
      );
      count += deleted;
      if (deleted < batchSize) break;
      // Let queued requests and their writes run between batches.
      await yieldToOthers();
    }
    if (count > 0) report.byCategory[category] = { cutoff: cutoff.toISOString(), count };
    report.count += count;
  }
  if (report.count > 0 || (await hasOrphanTombstones(deps.db.reader, orgId, purgeId))) {
    await deps.writes.run((tx) => recordPurge(tx, systemContext(deps, orgId), purgeId, report));
  }
  return report;
}

function cutoffOf(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

function systemContext(deps: PurgeDeps, orgId: string): AuditContext {
  return { orgId, actor: SYSTEM_ACTOR, source: NO_SOURCE, now: deps.now, newId: deps.newId };
}

/**
 * Moves the anchor, adopts tombstones of runs that stopped early, and
 * records the run's one `purged` row (id `purgeId`), about the workspace's
 * retention setting. Written after the deletes, so never purged by them.
 */
async function recordPurge(tx: Tx, ctx: AuditContext, purgeId: string, report: PurgeReport): Promise<void> {
  const { anchor, tombstones } = await withAuditMaintenance(tx, 'purge', async () => {
    // Their events were removed by the run that stopped: this run's count includes them, so no purge counts fewer events than its tombstones.
    report.count += await adoptOrphanTombstones(tx, report.orgId, purgeId);
    const moved = await moveAnchor(tx, report.orgId);
    return { anchor: moved, tombstones: await tombstonesOf(tx, report.orgId, purgeId) };
  });
  await appendAudit(tx, ctx, [
    {
      id: purgeId,
      event: 'purged',
      category: retentionEntity.category,
      section: retentionEntity.section,
      subject: { type: retentionEntity.subjectType, id: report.orgId, label: RETENTION_LABEL },
      links: NO_LINKS,
      property: null,
      before: null,
      after: null,
      context: { cutoff: report.cutoff, count: report.count, byCategory: report.byCategory, anchor: anchorText(anchor), tombstones },
    },
  ]);
}

function anchorText(anchor: Anchor | null): { seq: number; hash: string } | null {
  return anchor && { seq: anchor.seq, hash: anchor.hash.toString('hex') };
}
