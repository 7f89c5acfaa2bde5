import { namesOf } from '../../audit/names';
import type { Principal } from '../../auth/principal';
import type { Tx } from '../../db/sql';
import type { WrittenEvent } from './event';
import { idsInValues, type ValueNames } from './words';

/**
 * The names of the ids in an event's values (an assignee, a queue, a
 * team), as its owner's role may read them: a notification says "Alex
 * Agent", not an id. Asked only when the values hold ids.
 */
export async function valueNamesOf(tx: Tx, owner: Principal, event: WrittenEvent): Promise<ValueNames> {
  const ids = idsInValues(event);
  if (ids.length === 0) return new Map();
  const named = await namesOf(tx, owner, ids);
  return new Map(Object.entries(named).map(([id, { name }]) => [id, name]));
}
