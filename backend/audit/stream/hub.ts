import { chainHeadSeqs } from '../chain/head-seqs';
import { PolledHeadHub, type PolledHubDeps } from '../../live/polled-head-hub';

/**
 * The hub of the audit live stream; its keys are workspaces (org ids), and
 * a workspace's head is its chain head's number. Rows written through
 * another process reach this one's streams within a poll, and a change in
 * one workspace wakes no stream of another.
 */
export class AuditHub extends PolledHeadHub {
  protected readonly name = 'audit log';

  protected readHeads(orgIds: string[]): Promise<Map<string, number>> {
    return chainHeadSeqs(this.deps.db.reader, orgIds);
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
