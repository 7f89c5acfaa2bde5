import { expect } from 'vitest';
import type { AuditEvent } from '../../shared/audit-event';

/**
 * The events of a JSON Lines export as the API presents them: every line
 * but the last (the checkpoint the export was cut at), each without its
 * `proof`.
 */
export function eventsOfJsonlExport(text: string): AuditEvent[] {
  const lines = text.split('\n').filter(Boolean);
  const trailer = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
  expect(Object.keys(trailer)).toEqual(['checkpoint']);
  return lines.slice(0, -1).map((line) => {
    const { proof, ...event } = JSON.parse(line) as AuditEvent & { proof: unknown };
    expect(proof).toMatchObject({ seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    return event;
  });
}
