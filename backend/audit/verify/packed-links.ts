import { CANONICAL_VERSION, commitmentText } from '../chain/canonical';
import { chainHash, leafHash } from '../chain/links';
import { parseSeals, storedCommitment } from '../chain/seals';

/*
 * The fast read of a range of links: SQLite writes each event's canonical
 * text itself, all but its two commitments (json_quote escapes strings as
 * JSON.stringify does), and hands over one string per link instead of 26
 * values, on the read worker where there is one. Fields are separated by
 * U+0001, which stored JSON never holds raw (JSON escapes it), so a row that
 * splits otherwise was changed, and goes to the exact path.
 *
 * This is an optimisation only: a range whose links do not all check here
 * is verified again field by field (canonicalEventText, links-of-rows.ts),
 * and only that path reports a finding, so SQL text that differed from
 * canonicalEventText could slow verification down but never fail it.
 */

const SEP = '\u0001';
const q = (column: string) => `json_quote(${column})`;

// concat/concat_ws build each string in one pass (a chain of `||` copies the growing text once per piece).
// concat_ws leaves out empty pieces, so a missing value is '-' and a present one starts with '='.
const EVENT_PACKED =
  `concat_ws(char(1), '0', seq, lower(hex(hash)), coalesce(seals, '-'), ${q('property')}, ` +
  `case when before is null then '-' else '=' || before end, case when after is null then '-' else '=' || after end, ` +
  `concat('{"actor":{"id":', ${q('actor_id')}, ',"name":', ${q('actor_name')}, ',"type":', ${q('actor_type')}, '}'), ` +
  `concat(',"apiKeyId":', ${q('api_key_id')}), ` +
  `concat(',"category":', ${q('category')}, ',"changeId":', ${q('change_id')}, ',"context":', coalesce(context, 'null'), ` +
  `',"conversationId":', ${q('conversation_id')}, ',"customerId":', ${q('customer_id')}, ',"event":', ${q('event')}, ` +
  `',"id":', ${q('id')}, ',"ip":', ${q('ip')}, ',"occurredAt":', occurred_at, ',"orgId":', ${q('org_id')}, ` +
  `',"property":', ${q('property')}, ',"requestId":', ${q('request_id')}, ',"section":', ${q('section')}, ',"seq":', seq, ` +
  `',"subject":{"id":', ${q('subject_id')}, ',"label":', ${q('subject_label')}, ',"type":', ${q('subject_type')}, '}', ` +
  `',"userAgent":', ${q('user_agent')}, ',"v":${CANONICAL_VERSION}}'))`;

const TOMBSTONE_PACKED = `concat_ws(char(1), '1', seq, lower(hex(hash)), lower(hex(leaf)))`;

/** One string per link of a range, in sequence order. Arguments: org, low (exclusive), high, org, low, high. */
export const PACKED_LINKS_IN_RANGE =
  `select packed from (select seq, 0 as kind, ${EVENT_PACKED} as packed from audit_events where org_id = ? and seq > ? and seq <= ? ` +
  `union all select seq, 1 as kind, ${TOMBSTONE_PACKED} as packed from audit_tombstones where org_id = ? and seq > ? and seq <= ?) order by seq, kind`;

export interface PackedLink {
  seq: number;
  /** The chain hash recomputed from the link's fields. */
  hash: Buffer;
  /** Whether it equals the stored one. */
  matches: boolean;
}

/** Recomputes one packed link onto `previous`; null when the text is not a well-formed link (the exact path decides). */
export function checkPackedLink(packed: unknown, previous: Buffer): PackedLink | null {
  try {
    return check(packed, previous);
  } catch {
    return null;
  }
}

function check(packed: unknown, previous: Buffer): PackedLink | null {
  if (typeof packed !== 'string') return null;
  const f = packed.split(SEP);
  if (f[0] === '1') {
    if (f.length !== 4 || f[3]!.length !== 64) return null;
    const hash = chainHash(previous, Buffer.from(f[3]!, 'hex'));
    return { seq: Number(f[1]), hash, matches: hash.toString('hex') === f[2] };
  }
  if (f.length !== 10) return null;
  const seals = parseSeals(f[3] === '-' ? null : f[3]!);
  const property = JSON.parse(f[4]!) as string | null;
  const before = f[5] === '-' ? null : f[5]!.slice(1);
  const after = f[6] === '-' ? null : f[6]!.slice(1);
  const text =
    `${f[7]},"after":${commitmentText(storedCommitment(property, after, seals.a))}` +
    `${f[8]},"before":${commitmentText(storedCommitment(property, before, seals.b))}${f[9]}`;
  const hash = chainHash(previous, leafHash(text));
  return { seq: Number(f[1]), hash, matches: hash.toString('hex') === f[2] };
}
