import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/audit-event';
import { auditEvent } from '../panel/testing';
import { createDrawer } from './log-drawer';
import type { LogDeps } from './log-deps';

/*
 * The drawer's "other rows of this change" with the background stood in
 * for: it answers a change's rows 200 to a page, as the API does.
 */

const CHANGE = '01JD00000000000000000000G1';

function setup(rows: AuditEvent[]) {
  const asked: Array<{ changeId: string; cursor: string | null }> = [];
  const send = (async (type: string, data: { changeId: string; cursor: string | null }) => {
    if (type !== 'getLogChange') throw new Error(`unexpected ${type}`);
    asked.push(data);
    const start = data.cursor === null ? 0 : Number(data.cursor);
    const end = start + 200;
    return { ok: true, value: { items: rows.slice(start, end), nextCursor: end < rows.length ? String(end) : null } };
  }) as LogDeps['send'];
  return { drawer: createDrawer({ send }), asked };
}

describe('the detail drawer', () => {
  it('reads every row of a change wider than one page', async () => {
    const rows = Array.from({ length: 450 }, () => auditEvent({ changeId: CHANGE }));
    const { drawer, asked } = setup(rows);
    await drawer.open(rows[0]!);
    expect(drawer.change.value?.map((row) => row.id)).toEqual(rows.map((row) => row.id));
    expect(asked).toEqual([
      { changeId: CHANGE, cursor: null },
      { changeId: CHANGE, cursor: '200' },
      { changeId: CHANGE, cursor: '400' },
    ]);
    expect(drawer.changeLoading.value).toBe(false);
  });

  it('opens another row of the same change without reading the change again', async () => {
    const rows = Array.from({ length: 3 }, () => auditEvent({ changeId: CHANGE }));
    const { drawer, asked } = setup(rows);
    await drawer.open(rows[0]!);
    await drawer.open(rows[2]!);
    expect(drawer.event.value).toBe(rows[2]);
    expect(drawer.change.value).toHaveLength(3);
    expect(asked).toHaveLength(1);
  });
});
