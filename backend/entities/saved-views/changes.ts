import type { ViewCreateInput, ViewPatchInput } from '../../../shared/schemas/views';
import type { AuditContext } from '../../audit/context';
import { createEntity, deleteEntity, type EntityPatch, updateEntity } from '../../audit/engine';
import type { savedViews } from '../../db/schema';
import type { Tx } from '../../db/sql';
import { ApiError } from '../../errors';
import { savedViewEntity } from './definition';
import { getVisibleView, ownViews, type SavedViewRow, viewsDefaultFor } from './visible';

/** How many views one person keeps; the menu lists them all. */
export const MAX_VIEWS_PER_PERSON = 100;

type Viewer = { orgId: string; userId: string };

async function assertNameFree(tx: Tx, viewer: Viewer, name: string, except?: string): Promise<void> {
  const taken = (await ownViews(tx, viewer)).some((view) => view.id !== except && view.name.toLowerCase() === name.toLowerCase());
  if (taken) throw ApiError.conflict(`You already have a view named “${name}”.`);
}

/** Takes the viewer off every view that is their default but `keep`: a person has one default. */
async function clearOtherDefaults(tx: Tx, ctx: AuditContext, viewer: Viewer, keep: string | null): Promise<void> {
  for (const view of await viewsDefaultFor(tx, viewer.orgId, viewer.userId)) {
    if (view.id === keep) continue;
    await updateEntity(tx, ctx, savedViewEntity, view.id, { defaultFor: view.defaultFor.filter((id) => id !== viewer.userId) });
  }
}

/** Saves a new view of the viewer's; made their default, it stops being the default any other view was. */
export async function createView(tx: Tx, ctx: AuditContext, viewer: Viewer, input: ViewCreateInput): Promise<SavedViewRow> {
  if ((await ownViews(tx, viewer)).length >= MAX_VIEWS_PER_PERSON) {
    throw ApiError.conflict(`You have ${MAX_VIEWS_PER_PERSON} saved views; delete one to save another.`);
  }
  await assertNameFree(tx, viewer, input.name);
  if (input.default) await clearOtherDefaults(tx, ctx, viewer, null);
  return createEntity(tx, ctx, savedViewEntity, {
    ownerId: viewer.userId,
    name: input.name,
    filter: input.filter,
    shared: input.shared,
    defaultFor: input.default ? [viewer.userId] : [],
  });
}

/**
 * Changes a view the viewer sees. Only its owner changes name, filter and
 * sharing (the router refuses anyone else first); anyone who sees it may make
 * it, or stop it being, their default. A view no longer shared stops being
 * anyone else's default.
 */
export async function patchView(tx: Tx, ctx: AuditContext, viewer: Viewer, id: string, input: ViewPatchInput): Promise<void> {
  const view = await getVisibleView(tx, viewer, id);
  if (input.name !== undefined) await assertNameFree(tx, viewer, input.name, id);
  let defaultFor = view.defaultFor;
  if (input.shared === false) defaultFor = defaultFor.filter((userId) => userId === view.ownerId);
  if (input.default === true) {
    await clearOtherDefaults(tx, ctx, viewer, id);
    if (!defaultFor.includes(viewer.userId)) defaultFor = [...defaultFor, viewer.userId];
  } else if (input.default === false) {
    defaultFor = defaultFor.filter((userId) => userId !== viewer.userId);
  }
  const patch: EntityPatch<typeof savedViews> = { defaultFor };
  if (input.name !== undefined) patch.name = input.name;
  if (input.filter !== undefined) patch.filter = input.filter;
  if (input.shared !== undefined) patch.shared = input.shared;
  await updateEntity(tx, ctx, savedViewEntity, id, patch);
}

/** Deletes a view (the router has checked the viewer may: their own, or a shared one for admins). */
export async function deleteView(tx: Tx, ctx: AuditContext, viewer: Viewer, id: string): Promise<void> {
  await getVisibleView(tx, viewer, id);
  await deleteEntity(tx, ctx, savedViewEntity, id);
}
