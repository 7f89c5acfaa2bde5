import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('parseEnv', () => {
  it('defaults to an embedded file database, port 8787, full sync and no demo seed (npm start asks for it)', () => {
    expect(parseEnv({})).toMatchObject({
      PORT: 8787,
      DATABASE_URL: 'file:data/auditdesk.db',
      DATABASE_SYNCHRONOUS: 'FULL',
      AUDITDESK_SEED: 'none',
    });
  });

  it('accepts in-memory, libSQL server and Turso URLs', () => {
    for (const url of [':memory:', 'libsql://acme.turso.io', 'http://127.0.0.1:8080', 'file:/var/lib/auditdesk.db']) {
      expect(parseEnv({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
    }
  });

  it('names every bad variable in one message', () => {
    expect(() => parseEnv({ PORT: 'eighty', DATABASE_URL: 'postgres://x', AUDITDESK_SEED: 'maybe' })).toThrow(
      /PORT[\s\S]*DATABASE_URL[\s\S]*AUDITDESK_SEED/,
    );
  });
});
