import { NO_LINKS } from '../../backend/audit/definition';
import { appendAudit, type AuditDraft } from '../../backend/audit/engine';
import type { TestWorkspace } from '../support/harness';

/**
 * Writes `count` audit rows through the engine, 500 per statement, in one
 * transaction: even rows are customer changes, odd ones settings changes.
 * Labels carry commas, quotes and formula starts so exports must quote and
 * neutralize them.
 */
export async function seedAuditRows(ws: TestWorkspace, count: number): Promise<void> {
  const drafts: AuditDraft[] = Array.from({ length: count }, (_, i) =>
    i % 2 === 0
      ? {
          event: 'update',
          category: 'customer',
          section: 'customer',
          subject: { type: 'customer', id: `cust-${i % 50}`, label: i % 10 === 0 ? `=cmd, "x" ${i}` : `Customer ${i}` },
          links: { customerId: `cust-${i % 50}`, conversationId: null },
          property: 'name',
          before: `Old\nname ${i}`,
          after: i % 4 === 0 ? { plan: 'gold', seats: i } : `New, name ${i}`,
        }
      : {
          event: 'update',
          category: 'settings',
          section: 'shortcut',
          subject: { type: 'shortcut', id: `sc-${i % 20}`, label: `Shortcut ${i}` },
          links: NO_LINKS,
          property: 'body',
          before: '+1',
          after: '@SUM(A1)',
        },
  );
  await ws.deps.writes.run(async (tx) => {
    for (let i = 0; i < drafts.length; i += 500) await appendAudit(tx, ws.systemCtx(), drafts.slice(i, i + 500));
  });
}

/** A minimal RFC 4180 parser (quoted fields, doubled quotes, CRLF records), to read exports back. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') record.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') record.push(field), records.push(record), (record = []), (field = ''), i++;
    else field += ch;
  }
  if (field !== '' || record.length > 0) throw new Error('the CSV does not end with CRLF');
  return records;
}
