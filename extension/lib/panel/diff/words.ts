/*
 * A word-level diff of two texts, small enough for the content script.
 * Hand-written on purpose: the panel only needs word/line granularity, no
 * well-kept diff library of a few hundred bytes is installed, and the
 * popular ones (jsdiff, diff-match-patch) would cost several KB of the
 * content script's gzip budget. Longest common subsequence over tokens,
 * after trimming the common prefix and suffix, with a size cap so a huge
 * text cannot freeze the page.
 */

export interface TextPart {
  op: 'same' | 'added' | 'removed';
  text: string;
}

/** Beyond this many token pairs the middle is shown as one removal and one addition. */
const MAX_CELLS = 200_000;

/** Words, runs of whitespace (newlines included) and punctuation each count as one token. */
export function tokenize(text: string): string[] {
  return text.match(/\s+|[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu) ?? [];
}

function push(parts: TextPart[], op: TextPart['op'], text: string): void {
  if (text === '') return;
  const last = parts[parts.length - 1];
  if (last?.op === op) last.text += text;
  else parts.push({ op, text });
}

function lcsMiddle(a: string[], b: string[], parts: TextPart[]): void {
  if (a.length * b.length > MAX_CELLS) {
    push(parts, 'removed', a.join(''));
    push(parts, 'added', b.join(''));
    return;
  }
  // lengths[i][j]: the LCS length of a[i:] and b[j:], one flat array.
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? (lengths[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * width + j] ?? 0, lengths[i * width + j + 1] ?? 0);
    }
  }
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push(parts, 'same', a[i++] ?? '');
      j++;
    } else if ((lengths[(i + 1) * width + j] ?? 0) >= (lengths[i * width + j + 1] ?? 0)) {
      push(parts, 'removed', a[i++] ?? '');
    } else {
      push(parts, 'added', b[j++] ?? '');
    }
  }
  push(parts, 'removed', a.slice(i).join(''));
  push(parts, 'added', b.slice(j).join(''));
}

/**
 * The word diff turning `before` into `after`, as runs of kept, removed and
 * added text (adjacent runs of one kind merged).
 */
export function diffWords(before: string, after: string): TextPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: TextPart[] = [];
  push(parts, 'same', a.slice(0, start).join(''));
  lcsMiddle(a.slice(start, endA), b.slice(start, endB), parts);
  push(parts, 'same', a.slice(endA).join(''));
  return parts;
}
