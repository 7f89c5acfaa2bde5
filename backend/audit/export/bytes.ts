/** Room reserved per row before the first line is written; a batch grows past it when it must. */
const BYTES_PER_ROW = 512;

/**
 * The rows' lines as UTF-8, written one by one into a single buffer. Joining
 * a batch first made a ~370 KB string per thousand rows (V8 puts strings
 * that size in its large-object space, freed only by a full collection),
 * then a second copy to encode it. Line strings are small and die young.
 */
export function utf8Lines<T>(rows: readonly T[], line: (row: T) => string): Uint8Array {
  let bytes = Buffer.allocUnsafe(Math.max(1, rows.length) * BYTES_PER_ROW);
  let used = 0;
  for (const row of rows) {
    const text = line(row);
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    const worst = text.length * 3;
    if (used + worst > bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(bytes.length * 2, used + worst));
      bytes.copy(grown, 0, 0, used);
      bytes = grown;
    }
    used += bytes.write(text, used, 'utf8');
  }
  return bytes.subarray(0, used);
}
