import { and, desc, eq, isNull } from 'drizzle-orm';
import { streamDeliveries, streamDestinations } from '../../db/schema';
import type { Reader } from '../../db/sql';
import { ApiError } from '../../errors';
import type { DeliveryRow } from './delivery-store';
import type { DestinationRow } from './destination-entity';
import { healthOf } from './health';

/** A destination as the API answers it, with its health; never its secret (the create and rotate answers add it once). */
export async function presentDestination(db: Reader, row: DestinationRow, delivery: DeliveryRow, now: Date) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    url: row.url,
    directory: row.directory,
    rotateBytes: row.rotateBytes,
    rotateMinutes: row.rotateMinutes,
    filter: row.filter,
    pauseAfterMinutes: row.pauseAfterMinutes,
    status: row.status,
    pausedReason: row.pausedReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    health: await healthOf(db, row, delivery, now),
  };
}

/** The workspace's live destinations with their delivery rows, newest first. */
export async function listDestinations(db: Reader, orgId: string): Promise<Array<{ row: DestinationRow; delivery: DeliveryRow }>> {
  const rows = await db
    .select({ row: streamDestinations, delivery: streamDeliveries })
    .from(streamDestinations)
    .innerJoin(streamDeliveries, eq(streamDeliveries.destinationId, streamDestinations.id))
    .where(and(eq(streamDestinations.orgId, orgId), isNull(streamDestinations.deletedAt)))
    .orderBy(desc(streamDestinations.id));
  return rows;
}

/** One live destination of the workspace with its delivery row, or 404. */
export async function getDestination(db: Reader, orgId: string, id: string): Promise<{ row: DestinationRow; delivery: DeliveryRow }> {
  const [found] = await db
    .select({ row: streamDestinations, delivery: streamDeliveries })
    .from(streamDestinations)
    .innerJoin(streamDeliveries, eq(streamDeliveries.destinationId, streamDestinations.id))
    .where(and(eq(streamDestinations.orgId, orgId), eq(streamDestinations.id, id), isNull(streamDestinations.deletedAt)));
  if (!found) throw ApiError.notFound('stream_destination');
  return found;
}
