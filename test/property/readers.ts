import { expect } from 'vitest';
import type { AuditEvent } from '../../shared/audit-event';
import { parseCsv } from '../export/support';
import { eventsOfJsonlExport } from '../support/jsonl-export';
import type { TestWorkspace } from '../support/harness';
import { openStream } from '../stream/sse-client';
import { asJson } from './arbitraries';

/** What to read: a log filter (`customer=ID`, `category=settings`), the subject's history route if it has one, and its id. */
export interface Reading {
  filter: string;
  historyPath?: string;
  subjectId: string;
}

async function okJson<T>(res: Response): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as T;
}

/** Every page of a log query, newest first. */
export async function listAll(ws: TestWorkspace, path: string): Promise<AuditEvent[]> {
  const items: AuditEvent[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page: { items: AuditEvent[]; nextCursor: string | null } = await okJson(
      await ws.call('GET', `${path}${separator}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: ws.tokens.admin }),
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** A CSV cell read back as the value it shows: text as is, anything else as its JSON. */
function cellValue(cell: string, value: unknown): unknown {
  const shown = /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
  if (value === null || value === undefined) return shown === '' ? null : shown;
  return typeof value === 'string' ? shown : JSON.parse(shown);
}

/**
 * Reads a filtered log through every reader and expects them to agree: the
 * subject's history (when it has one), the workspace log, the JSONL and CSV
 * exports and the live stream resumed from the subject's first event.
 * Returns the subject's rows, newest first.
 */
export async function expectReadersAgree(ws: TestWorkspace, baseUrl: string, { filter, historyPath, subjectId }: Reading): Promise<AuditEvent[]> {
  const log = await listAll(ws, `/api/v1/audit?${filter}`);
  const own = log.filter((event) => event.subject.id === subjectId);
  if (historyPath) expect(await listAll(ws, historyPath)).toEqual(log);

  const jsonl = await (await ws.call('GET', `/api/v1/audit/export?format=jsonl&${filter}`, { token: ws.tokens.admin })).text();
  expect(eventsOfJsonlExport(jsonl)).toEqual(log);

  // An export is itself recorded; the CSV that follows may list that row too.
  const logBeforeCsv = await listAll(ws, `/api/v1/audit?${filter}`);
  const csvResponse = await ws.call('GET', `/api/v1/audit/export?format=csv&${filter}`, { token: ws.tokens.admin });
  expect(csvResponse.status).toBe(200);
  const [header, ...records] = parseCsv((await csvResponse.text()).replace(/^\uFEFF/, ''));
  const column = (name: string) => header!.indexOf(name);
  expect(records.map((record) => record[column('Event id')])).toEqual(logBeforeCsv.map((event) => event.id));
  records.forEach((record, i) => {
    expect(record).toHaveLength(header!.length);
    expect(cellValue(record[column('Before')]!, logBeforeCsv[i]!.before)).toEqual(logBeforeCsv[i]!.before);
    expect(cellValue(record[column('After')]!, logBeforeCsv[i]!.after)).toEqual(logBeforeCsv[i]!.after);
  });

  const missed = log.slice(0, log.indexOf(own.at(-1)!)).reverse();
  if (missed.length > 0) {
    const stream = await openStream(`${baseUrl}/api/v1/audit/stream?${filter}`, ws.tokens.admin, { 'last-event-id': own.at(-1)!.id });
    try {
      expect(stream.status).toBe(200);
      const streamed: AuditEvent[] = [];
      for (let i = 0; i < missed.length; i++) {
        const event = await stream.nextEvent(5_000);
        expect(event, `stream event ${i + 1} of ${missed.length}`).not.toBeNull();
        const { frameId, ...rest } = event!;
        expect(frameId).toBe(rest.id);
        streamed.push(rest);
      }
      expect(streamed).toEqual(missed);
    } finally {
      stream.close();
    }
  }
  return own;
}

/** The history's newest row of one property, as the API shows it. */
export function newestChangeOf(history: AuditEvent[], property: string): AuditEvent | undefined {
  return history.find((event) => event.property === property);
}

/** Expects the values to be equal as JSON (the API's promise: -0 comes back as 0). */
export function expectSameJson(actual: unknown, expected: unknown) {
  expect(actual).toEqual(asJson(expected));
}
