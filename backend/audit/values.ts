/**
 * Values as the audit log sees them: plain JSON. Two values are the same
 * change-wise when their JSON is the same regardless of object key order, so
 * `{a:1,b:2}` → `{b:2,a:1}` is not a change but `["a","b"]` → `["b","a"]` is.
 */
export function toAuditValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return value;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(toAuditValue(a)) === canonicalJson(toAuditValue(b));
}

/**
 * RFC 8785 (JSON Canonicalization Scheme) JSON: object keys sorted by UTF-16
 * code units, no whitespace, strings and numbers as JSON.stringify writes
 * them. Equal values always serialize alike. Written key by key: an object
 * rebuilt with sorted entries would not do, since JavaScript lists
 * integer-like keys first and in numeric order whatever the insertion order
 * ({"9", "10", "\r"} where the canonical order is "\r", "10", "9").
 */
export function canonicalJson(value: unknown): string {
  return canonical(value, '') as string;
}

function canonical(value: unknown, key: string): string | undefined {
  let v = value;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON(key: string): unknown }).toJSON(key);
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) {
    let text = '[';
    for (let i = 0; i < v.length; i++) text += `${i === 0 ? '' : ','}${canonical(v[i], String(i)) ?? 'null'}`;
    return `${text}]`;
  }
  const record = v as Record<string, unknown>;
  let text = '{';
  for (const name of Object.keys(record).sort()) {
    const item = canonical(record[name], name);
    if (item !== undefined) text += `${text.length === 1 ? '' : ','}${JSON.stringify(name)}:${item}`;
  }
  return `${text}}`;
}

/**
 * Serializes a before/after value for storage; `null` stays SQL NULL. The
 * text is canonical so that the commitment sealed into the hash chain
 * (chain/seals.ts) can be checked against the stored text as it is.
 */
export function encodeValue(value: unknown): string | null {
  const v = toAuditValue(value);
  return v === null ? null : canonicalJson(v);
}

export function decodeValue(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}
