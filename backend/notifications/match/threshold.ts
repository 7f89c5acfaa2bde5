import type { WatchThresholdColumn } from '../../db/schema';
import { raiseNotification } from '../store';
import type { Delivery, Watched } from './deliver';
import { named } from './event';
import { assignWindow, matchesInWindow, readThresholdState, recordMatches, type ThresholdGroup, writeThresholdState } from './records';
import { valueNamesOf } from './value-names';
import { thresholdWords } from './words';

const MINUTE = 60_000;
/** The counting group of matches without an actor id (the system's), when counting per actor. */
const NO_ACTOR = '~';

/**
 * Counts a threshold watch's matches, one event at a time, per group (the
 * whole watch, or each actor with `perActor`). While armed, the matches
 * since it was armed and within the last `minutes` are counted; when they
 * reach `count` it raises ONE notification naming them and disarms. A match
 * after `quietMinutes` without one re-arms it, and counting starts afresh
 * with that match. The state lives in the database, shared by every process.
 */
export async function countTowardThreshold(delivery: Delivery, threshold: WatchThresholdColumn, watched: Watched): Promise<void> {
  const { tx, watch, owner, events, newId } = delivery;
  for (const event of events) {
    const group: ThresholdGroup = {
      key: threshold.perActor ? (event.actorId ?? NO_ACTOR) : '',
      actorId: event.actorId,
      perActor: threshold.perActor,
    };
    let state = await readThresholdState(tx, watch.id, group);
    const quiet = state !== undefined && state.firedAt !== null && event.occurredAt - state.lastMatchAt >= threshold.quietMinutes * MINUTE;
    if (state === undefined || quiet) {
      state = { watchId: watch.id, groupKey: group.key, armedSince: event.occurredAt, firedAt: null, lastMatchAt: event.occurredAt };
    }
    state.lastMatchAt = Math.max(state.lastMatchAt, event.occurredAt);
    await recordMatches(tx, watch.id, [event], null);
    if (state.firedAt === null) {
      const from = Math.max(state.armedSince, event.occurredAt - threshold.minutes * MINUTE);
      const counted = await matchesInWindow(tx, watch.id, group, from, event.occurredAt);
      if (counted.length >= threshold.count) {
        const id = newId();
        const names = await valueNamesOf(tx, owner, event);
        const words = thresholdWords(watch.name, { count: counted.length, firstAt: counted[0]!.occurredAt, last: event }, threshold.perActor, names);
        await raiseNotification(
          tx,
          {
            orgId: watch.orgId,
            userId: owner.user!.id,
            watchId: watch.id,
            ...words,
            category: event.category,
            subject: watched.subject,
            link: watched.link(counted[0]!.occurredAt, event.occurredAt + 1),
            events: named(counted),
          },
          event.occurredAt,
          id,
        );
        await assignWindow(tx, watch.id, group, from, event.occurredAt, id);
        state.firedAt = event.occurredAt;
      }
    }
    await writeThresholdState(tx, state);
  }
}
