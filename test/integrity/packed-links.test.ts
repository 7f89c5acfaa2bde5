import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferOf } from '../../backend/audit/chain/append';
import { GENESIS_HASH } from '../../backend/audit/chain/links';
import { checkPackedLink, PACKED_LINKS_IN_RANGE } from '../../backend/audit/verify/packed-links';
import { readerQuery } from '../../backend/audit/verify/source';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

/*
 * The fast path of verification: SQLite writes each event's canonical text
 * (json_quote for strings). It must agree with canonicalEventText for every
 * honest row, or verification falls back to the slow path for the whole range.
 */
let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createTestWorkspace();
});
afterAll(() => ws.close());

const ODD_TEXT = ['Tab\there', 'Bell\u0007 and \u001f', 'Quote " and \\ backslash', 'Line\u2028separator\u2029', 'Astral 😀 דּ é', 'DEL\u007f', 'Slash / </script>', '\r\n\f\b'];

describe('links read as text built by SQLite', () => {
  it('check exactly as the stored hashes say, for text of every kind and values of every shape', async () => {
    for (const name of ODD_TEXT) {
      const res = await ws.call('POST', '/api/v1/customers', {
        token: ws.tokens.agent,
        body: { name, custom: { [name.replace(/[^A-Za-z]/g, '') || 'x']: { 10: name, 9: [1e21, -0, 0.1, null, true], '\r': {} } } },
      });
      expect(res.status, await res.clone().text()).toBe(201);
      const { id } = (await res.json()) as { id: string };
      await ws.call('PATCH', `/api/v1/customers/${id}`, { token: ws.tokens.agent, body: { name: `${name}!`, tags: [name] } });
    }
    const query = readerQuery(ws.deps.db.reader);
    const rows = (await query(`select seq, hash from audit_events where org_id = ? order by seq`, [ws.orgId])).map((r) => ({ seq: Number(r[0]), hash: bufferOf(r[1]) }));
    const packed = (await query(PACKED_LINKS_IN_RANGE, [ws.orgId, 0, rows.length, ws.orgId, 0, rows.length])).map((r) => r[0]);
    expect(packed).toHaveLength(rows.length);
    let previous = GENESIS_HASH;
    packed.forEach((text, i) => {
      const link = checkPackedLink(text, previous);
      expect(link, `event ${rows[i]!.seq}`).toMatchObject({ seq: rows[i]!.seq, matches: true });
      previous = rows[i]!.hash;
    });
  });

  it('are refused when they do not split into a link', () => {
    expect(checkPackedLink('0\u0001garbage', GENESIS_HASH)).toBeNull();
    expect(checkPackedLink(42, GENESIS_HASH)).toBeNull();
  });
});
