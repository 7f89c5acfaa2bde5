import { eq } from 'drizzle-orm';
import { organizations } from '../db/schema';
import type { Reader } from '../db/sql';

/** The workspace's name as its people know it ("Demo Support"). */
export async function organizationName(reader: Reader, orgId: string): Promise<string> {
  const [org] = await reader.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId));
  return org?.name ?? '';
}
