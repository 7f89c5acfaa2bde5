import { NO_LINKS } from '../../backend/audit/definition';
import { type AuditDraft, appendAudit } from '../../backend/audit/engine';
import type { AuditPage } from '../../shared/audit-event';
import type { Role } from '../../shared/enums';
import { bodyOf } from '../support/audit-rows';
import type { TestWorkspace } from '../support/harness';

/**
 * Writes one audit row through the engine as `by` (a user of the workspace)
 * at `at`, for rows whose own routes belong to other parts of the app
 * (billing, settings, access). Omitted fields get settings-like defaults.
 */
export async function recordRow(
  ws: TestWorkspace,
  by: Role,
  draft: Partial<AuditDraft> & Pick<AuditDraft, 'category' | 'section'>,
  at?: Date,
): Promise<void> {
  const user = ws.users[by];
  const ctx = { ...ws.systemCtx(), actor: { type: 'user' as const, id: user.id, name: user.name }, ...(at ? { now: () => at } : {}) };
  await ws.deps.writes.run((tx) =>
    appendAudit(tx, ctx, [
      {
        event: 'update',
        subject: { type: 'shortcut', id: ws.deps.newId(), label: 'Refund reply' },
        links: NO_LINKS,
        property: 'name',
        before: 'Old',
        after: 'New',
        ...draft,
      },
    ]),
  );
}

/** One page of `path` (query string included) as `role`, checking the status. */
export async function page(ws: TestWorkspace, role: Role, path: string, status = 200): Promise<AuditPage> {
  return bodyOf<AuditPage>(await ws.call('GET', path, { token: ws.tokens[role] }), status);
}

/** Every page of `path` as `role`, following nextCursor. */
export async function allPages(ws: TestWorkspace, role: Role, path: string): Promise<AuditPage['items']> {
  const items: AuditPage['items'] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const body: AuditPage = await page(ws, role, cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path);
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}
