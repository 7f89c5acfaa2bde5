import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExportFormat } from './export-format';
import { rowCounter } from './row-counter';

/** A fixed seed: a failure is the same on every run. */
const RUNS = { numRuns: 300, seed: 20261203, endOnFailure: true } as const;

const utf8 = new TextEncoder();

/** RFC 4180 as the backend writes it: quoted when a field holds `"`, `,`, CR or LF, quotes doubled, CRLF after each record. */
function csvRecord(fields: readonly string[]): string {
  return `${fields.map((field) => (/[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field)).join(',')}\r\n`;
}

/** The bytes cut at the given offsets (in any order, repeats allowed). */
function cut(bytes: Uint8Array, offsets: number[]): Uint8Array[] {
  const points = [...new Set(offsets.map((offset) => offset % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  return chunks;
}

function countAll(format: ExportFormat, chunks: Uint8Array[]): { seen: number[]; total: number } {
  const counter = rowCounter(format);
  const seen = chunks.map((chunk) => counter.add(chunk));
  return { seen, total: counter.end() };
}

/** Text made mostly of what CSV must quote, with multi-byte characters that a cut may split. */
const field = fc
  .array(fc.oneof(fc.constantFrom('"', '""', ',', '\r\n', '\n', '\r', '=SUM(A1)', 'é', '😀', ' '), fc.string({ unit: 'grapheme', maxLength: 6 })), { maxLength: 8 })
  .map((parts) => parts.join(''));
const offsets = fc.array(fc.nat(), { maxLength: 12 });

describe('counting export rows as the bytes arrive', () => {
  it('counts the CSV records after the header, whatever quotes and line breaks the fields hold and wherever the chunks are cut', () => {
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { maxLength: 20 }), offsets, (rows, at) => {
        const bytes = utf8.encode(`\uFEFF${csvRecord(['Performed By', 'Date', 'Before'])}${rows.map(csvRecord).join('')}`);
        const { seen, total } = countAll('csv', cut(bytes, at));
        expect(total).toBe(rows.length);
        // Progress never goes back and never runs ahead of the file.
        expect(seen).toEqual([...seen].sort((a, b) => a - b));
        expect(Math.max(0, ...seen)).toBeLessThanOrEqual(rows.length);
      }),
      RUNS,
    );
  });

  it('counts one JSONL row per event, whatever line breaks its strings hold and wherever the chunks are cut', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 20 }), offsets, (events, at) => {
        const bytes = utf8.encode(events.map((event) => `${JSON.stringify(event)}\n`).join(''));
        expect(countAll('jsonl', cut(bytes, at)).total).toBe(events.length);
      }),
      RUNS,
    );
  });

  it('does not count the checkpoint line a JSONL export ends with, wherever the chunks are cut', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 20 }), fc.boolean(), offsets, (values, ended, at) => {
        const lines = values.map((value, i) => `${JSON.stringify({ id: `e${i}`, after: value })}\n`);
        const trailer = `{"checkpoint":{"payload":"{}","signature":"x"}}${ended ? '\n' : ''}`;
        const { seen, total } = countAll('jsonl', cut(utf8.encode(lines.join('') + trailer), at));
        expect(total).toBe(values.length);
        expect(Math.max(0, ...seen)).toBeLessThanOrEqual(values.length);
      }),
      RUNS,
    );
  });

  it('counts a record only once its line break outside quotes has arrived', () => {
    const counter = rowCounter('csv');
    expect(counter.add(utf8.encode('Before,After\r\n"line one\r\n'))).toBe(0);
    expect(counter.add(utf8.encode('line ""two""\r'))).toBe(0);
    expect(counter.add(utf8.encode('\n",x\r'))).toBe(0);
    expect(counter.add(utf8.encode('\n'))).toBe(1);
    expect(counter.end()).toBe(1);
  });

  it('counts a last row that has no line break', () => {
    const counter = rowCounter('jsonl');
    counter.add(utf8.encode('{"a":1}\n{"a":'));
    expect(counter.add(utf8.encode('2}'))).toBe(1);
    expect(counter.end()).toBe(2);
  });

  it('counts no rows in a CSV export that matched nothing (the header alone)', () => {
    const counter = rowCounter('csv');
    counter.add(utf8.encode('\uFEFFPerformed By,Date\r\n'));
    expect(counter.end()).toBe(0);
  });
});
