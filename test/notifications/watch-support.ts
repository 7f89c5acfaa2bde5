import { asc, eq } from 'drizzle-orm';
import { notifications, watchMatches } from '../../backend/db/schema';
import type { Watch } from '../../shared/api-client-responses';
import type { Role } from '../../shared/enums';
import { bodyOf } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

/** A test workspace whose clock the test moves (`clock.at`, epoch ms). */
export async function workspaceWithClock(start = Date.UTC(2026, 11, 1, 9)): Promise<{ ws: TestWorkspace; clock: { at: number } }> {
  const clock = { at: start };
  const ws = await createTestWorkspace({ now: () => new Date(clock.at) });
  return { ws, clock };
}

/** Makes a watch through the API as `role`. */
export async function watch(ws: TestWorkspace, role: Role, body: object): Promise<Watch> {
  return bodyOf<Watch>(await ws.call('POST', '/api/v1/watches', { token: ws.tokens[role], body }), 201);
}

/** A person's notifications, oldest first, as stored. */
export function notificationsOf(ws: TestWorkspace, userId: string) {
  return ws.deps.db.reader.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(asc(notifications.id));
}

/** The event ids a watch matched, oldest first. */
export async function matchedEventIds(ws: TestWorkspace, watchId: string): Promise<string[]> {
  const rows = await ws.deps.db.reader
    .select({ eventId: watchMatches.eventId })
    .from(watchMatches)
    .where(eq(watchMatches.watchId, watchId))
    .orderBy(asc(watchMatches.eventId));
  return rows.map((row) => row.eventId);
}

/** PATCHes a conversation as `role`, answering 200. */
export async function patchConversation(ws: TestWorkspace, role: Role, id: string, body: object): Promise<void> {
  await bodyOf(await ws.call('PATCH', `/api/v1/conversations/${id}`, { token: ws.tokens[role], body }), 200);
}
