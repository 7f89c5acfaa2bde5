import type { Tx } from '../../db/sql';
import { companies } from '../../db/schema';
import { assertReferences } from '../references';

/** A customer can only belong to a company of its own workspace (400 otherwise). */
export async function assertCompanyLink(tx: Tx, orgId: string, input: { companyId?: string | null | undefined }) {
  await assertReferences(tx, orgId, companies, 'companyId', [input.companyId]);
}
