import type { WriteQueue } from '../../db/write-queue';
import { StreamHub } from '../../live/stream-hub';

/**
 * The hub of the audit live stream: every commit of the write queue may have
 * added rows, so each one wakes the waiting streams, which read the rows
 * after their last sent id with their own filters and role. It follows this
 * process's commits only: rows another process writes reach its streams at
 * the next local commit or heartbeat, whichever comes first.
 */
export class AuditHub extends StreamHub {
  constructor(writes: Pick<WriteQueue, 'onCommit'>) {
    super();
    writes.onCommit(() => this.changed());
  }
}

// One hub per write queue, i.e. per app instance: the hub belongs with the
// queue whose commits it follows, and AppDeps needs no new field.
const hubs = new WeakMap<Pick<WriteQueue, 'onCommit'>, AuditHub>();

export function hubOf(writes: Pick<WriteQueue, 'onCommit'>): AuditHub {
  let hub = hubs.get(writes);
  if (!hub) hubs.set(writes, (hub = new AuditHub(writes)));
  return hub;
}
