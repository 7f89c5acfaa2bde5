/**
 * An entity row as the API serves it: no org id (the caller's org is implied),
 * no deletion marker (deleted rows are never served), timestamps as ISO strings.
 */
export function presentEntity<T extends Record<string, unknown>>(row: T) {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === 'orgId' || key === 'deletedAt') continue;
    out[key] = value instanceof Date ? value.toISOString() : value;
  }
  return out as { [K in Exclude<keyof T, 'orgId' | 'deletedAt'>]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };
}
