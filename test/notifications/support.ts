import { createEntity } from '../../backend/audit/engine';
import { watchMatches } from '../../backend/db/schema';
import { watchEntity } from '../../backend/entities/watches/definition';
import { growNotification, raiseNotification } from '../../backend/notifications/store';
import type { AppNotification } from '../../shared/api-client-responses';
import type { TestWorkspace } from '../support/harness';

export type WatchKind = AppNotification['watch']['kind'];

/** A watch of `ownerId`, made through the audit engine as the watches routes make them. */
export async function makeWatch(ws: TestWorkspace, ownerId: string, kind: WatchKind, name = `A ${kind} watch`): Promise<string> {
  const row = await ws.deps.writes.run((tx) =>
    createEntity(tx, ws.systemCtx(), watchEntity, {
      ownerId,
      name,
      subjectType: kind === 'subject' ? 'conversation' : null,
      subjectId: kind === 'subject' ? ws.deps.newId() : null,
      property: null,
      value: null,
      filter: kind === 'subject' ? null : 'category=customer',
      threshold: kind === 'threshold' ? { count: 5, minutes: 10, quietMinutes: 10, perActor: false } : null,
      includeOwn: false,
      paused: false,
    }),
  );
  return row.id;
}

/** Event ids as the log makes them (the matched events need not exist for the inbox). */
export function events(ws: TestWorkspace, n: number): Array<{ id: string; occurredAt: number }> {
  const at = ws.deps.now().getTime();
  return Array.from({ length: n }, (_, i) => ({ id: ws.deps.newId(), occurredAt: at + i }));
}

/**
 * A notification of `watchId` for `userId`, raised by the real writer in a
 * write-queue transaction, with the matches that name its events (as the
 * matcher writes them).
 */
export async function raise(
  ws: TestWorkspace,
  userId: string,
  watchId: string,
  options: { title?: string; events?: Array<{ id: string; occurredAt: number }>; writes?: TestWorkspace['deps']['writes'] } = {},
): Promise<string> {
  const named = options.events ?? events(ws, 1);
  const id = ws.deps.newId();
  await (options.writes ?? ws.deps.writes).run(async (tx) => {
    await tx.insert(watchMatches).values(named.map((e) => ({ watchId, eventId: e.id, orgId: ws.orgId, occurredAt: e.occurredAt, actorId: null, notificationId: id })));
    await raiseNotification(
      tx,
      {
        orgId: ws.orgId,
        userId,
        watchId,
        title: options.title ?? 'Conversation “Refund” changed',
        body: 'status: open → done',
        category: 'conversation',
        subject: { type: 'conversation', id: 'c-1', label: 'Refund' },
        link: { kind: 'subject', type: 'conversation', id: 'c-1' },
        events: named,
      },
      ws.deps.now().getTime(),
      id,
    );
  });
  return id;
}

/** More events of a burst, through the real writer, with their matches. */
export async function grow(ws: TestWorkspace, userId: string, watchId: string, id: string, more: Array<{ id: string; occurredAt: number }>, title: string): Promise<void> {
  await ws.deps.writes.run(async (tx) => {
    await tx.insert(watchMatches).values(more.map((e) => ({ watchId, eventId: e.id, orgId: ws.orgId, occurredAt: e.occurredAt, actorId: null, notificationId: id })));
    await growNotification(tx, { orgId: ws.orgId, userId }, id, { title, body: `${title}.`, events: more }, ws.deps.now().getTime());
  });
}
