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

/** JSON with object keys sorted, so equal values always serialize alike. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)));
    }
    return v;
  });
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
