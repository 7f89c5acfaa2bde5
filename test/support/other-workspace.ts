import { newUlid } from '../../backend/audit/context';
import { NO_LINKS } from '../../backend/audit/definition';
import { appendAudit } from '../../backend/audit/engine';
import { organizations } from '../../backend/db/schema';
import type { TestWorkspace } from './harness';

/** A second workspace in the test's database, with one audit row; each call after the first adds another row to it. */
export function anotherWorkspace(ws: TestWorkspace): { change(): Promise<void> } {
  const orgId = newUlid();
  let made = false;
  return {
    change: () =>
      ws.deps.writes.run(async (tx) => {
        if (!made) await tx.insert(organizations).values({ id: orgId, name: 'Other Support', createdAt: ws.deps.now() });
        made = true;
        await appendAudit(tx, { ...ws.systemCtx(), orgId }, [
          {
            event: 'update',
            category: 'settings',
            section: 'access',
            subject: { type: 'retention_settings', id: orgId, label: 'Retention' },
            links: NO_LINKS,
            property: 'days',
            before: 30,
            after: 60,
          },
        ]);
      }),
  };
}
