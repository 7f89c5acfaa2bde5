import { sql } from 'drizzle-orm';
import { runSqlArrays } from '../../db/sql';
import { PolledHeadHub, type PolledHubDeps } from '../../live/polled-head-hub';

/**
 * The hub of the audit live stream. Any process sharing the database may
 * commit the rows a stream sends, so the head is the log's newest rowid
 * (one probe of the table's b-tree): rows written through another process
 * reach this one's streams within a poll. Audit rows are only ever
 * appended, and a retention purge removes the oldest, so the newest rowid
 * grows with every commit that adds one.
 */
export class AuditHub extends PolledHeadHub {
  protected readonly name = 'audit log';

  protected async readHead(): Promise<number> {
    const [row] = await runSqlArrays(this.deps.db.reader, sql`select max(rowid) from audit_events`);
    return Number(row?.[0] ?? 0);
  }
}

// One hub per write queue, i.e. per app instance: the hub belongs with the
// queue whose commits it follows, and AppDeps needs no new field.
const hubs = new WeakMap<PolledHubDeps['writes'], AuditHub>();

export function hubOf(deps: PolledHubDeps): AuditHub {
  let hub = hubs.get(deps.writes);
  if (!hub) hubs.set(deps.writes, (hub = new AuditHub(deps)));
  return hub;
}
