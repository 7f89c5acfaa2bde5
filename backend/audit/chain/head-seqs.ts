import { sql } from 'drizzle-orm';
import { auditChainHeads } from '../../db/schema';
import { inJsonList, runSqlArrays, type Reader, type Tx } from '../../db/sql';

/** The workspace chain's newest sequence number (0 before its first event). */
export async function headSeqOf(db: Reader | Tx, orgId: string): Promise<number> {
  const [row] = await runSqlArrays(db, sql`select ${auditChainHeads.seq} from ${auditChainHeads} where ${auditChainHeads.orgId} = ${orgId}`);
  return row ? Number(row[0]) : 0;
}

/**
 * The chain head's sequence number of each of `orgIds` that has one: the
 * number of the workspace's newest audit row. Every audit row a workspace
 * gets takes the next number in its own transaction (a retention purge
 * records itself too), so a number that moved means new rows, whichever
 * process wrote them. One statement for any number of workspaces, one
 * primary-key probe each.
 */
export async function chainHeadSeqs(reader: Reader, orgIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await runSqlArrays(
    reader,
    sql`select ${auditChainHeads.orgId}, ${auditChainHeads.seq} from ${auditChainHeads}
        where ${inJsonList(sql`${auditChainHeads.orgId}`, orgIds)}`,
  );
  return new Map(rows.map(([orgId, seq]) => [String(orgId), Number(seq)]));
}
