import { sql } from 'drizzle-orm';
import { auditChainHeads } from '../../db/schema';
import { runSqlArrays } from '../../db/sql';
import { PolledHeadHub, type PolledHubDeps } from '../../live/polled-head-hub';

/**
 * The hub of the audit live stream; its keys are workspaces (org ids). Any
 * process sharing the database may commit the rows a stream sends, so a
 * workspace's head is its chain head's sequence number (one primary-key
 * probe): every audit row a workspace gets takes the next number in the
 * same transaction, a retention purge included (it records itself), so
 * rows written through another process reach this one's streams within a
 * poll, and a change in one workspace wakes no stream of another.
 */
export class AuditHub extends PolledHeadHub {
  protected readonly name = 'audit log';

  protected async readHeads(orgIds: string[]): Promise<Map<string, number>> {
    // The ids as one JSON argument: one statement for any number, with no limit on bound parameters.
    const rows = await runSqlArrays(
      this.deps.db.reader,
      sql`select ${auditChainHeads.orgId}, ${auditChainHeads.seq} from ${auditChainHeads}
          where ${auditChainHeads.orgId} in (select value from json_each(${JSON.stringify(orgIds)}))`,
    );
    return new Map(rows.map(([orgId, seq]) => [String(orgId), Number(seq)]));
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
