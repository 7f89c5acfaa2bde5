import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import { savedViews, users } from '../../db/schema';
import type { Reader, Tx } from '../../db/sql';
import { ApiError } from '../../errors';

export type SavedViewRow = typeof savedViews.$inferSelect;
export type VisibleView = SavedViewRow & { ownerName: string };

/** The person a views request is for: every views route requires `views:use`, which only people hold. */
/** Live views of the org the viewer may see: their own and those shared with the workspace. */
function visibleTo(viewer: { orgId: string; userId: string }) {
  return and(
    eq(savedViews.orgId, viewer.orgId),
    isNull(savedViews.deletedAt),
    or(eq(savedViews.ownerId, viewer.userId), eq(savedViews.shared, true)),
  );
}

/** Every view the viewer sees, by name, with its owner's name. */
export async function listVisibleViews(db: Reader | Tx, viewer: { orgId: string; userId: string }): Promise<VisibleView[]> {
  const rows = await db
    .select({ view: savedViews, ownerName: users.name })
    .from(savedViews)
    .innerJoin(users, eq(users.id, savedViews.ownerId))
    .where(visibleTo(viewer))
    .orderBy(asc(sql`${savedViews.name} COLLATE NOCASE`), asc(savedViews.id));
  return rows.map(({ view, ownerName }) => ({ ...view, ownerName }));
}

/** One view the viewer sees; 404 for any other (someone else's private view is not theirs to know of). */
export async function getVisibleView(db: Reader | Tx, viewer: { orgId: string; userId: string }, id: string): Promise<VisibleView> {
  const [row] = await db
    .select({ view: savedViews, ownerName: users.name })
    .from(savedViews)
    .innerJoin(users, eq(users.id, savedViews.ownerId))
    .where(and(eq(savedViews.id, id), visibleTo(viewer)));
  if (!row) throw ApiError.notFound('saved_view');
  return { ...row.view, ownerName: row.ownerName };
}

/** Live views of the org that are someone's default: the ones to take `userId` off before giving them another. */
export function viewsDefaultFor(tx: Tx, orgId: string, userId: string): Promise<SavedViewRow[]> {
  return tx
    .select()
    .from(savedViews)
    .where(
      and(
        eq(savedViews.orgId, orgId),
        isNull(savedViews.deletedAt),
        sql`exists (select 1 from json_each(${savedViews.defaultFor}) where value = ${userId})`,
      ),
    );
}

/** The viewer's own live views (for the per-person limit and unique names). */
export function ownViews(tx: Tx, viewer: { orgId: string; userId: string }): Promise<SavedViewRow[]> {
  return tx
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.orgId, viewer.orgId), eq(savedViews.ownerId, viewer.userId), isNull(savedViews.deletedAt)));
}
