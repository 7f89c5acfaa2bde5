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

  it('signs checkpoints and verifies the chain hourly unless told otherwise, and leaves the signing key unset', () => {
    expect(parseEnv({})).toMatchObject({ AUDITDESK_CHECKPOINT_MINUTES: 60, AUDITDESK_VERIFY_MINUTES: 60 });
    expect(parseEnv({}).AUDITDESK_SIGNING_KEY).toBeUndefined();
    expect(parseEnv({ AUDITDESK_CHECKPOINT_MINUTES: '5', AUDITDESK_VERIFY_MINUTES: '15' })).toMatchObject({
      AUDITDESK_CHECKPOINT_MINUTES: 5,
      AUDITDESK_VERIFY_MINUTES: 15,
    });
    expect(() => parseEnv({ AUDITDESK_CHECKPOINT_MINUTES: '0', AUDITDESK_VERIFY_MINUTES: 'hourly' })).toThrow(
      /AUDITDESK_CHECKPOINT_MINUTES[\s\S]*AUDITDESK_VERIFY_MINUTES/,
    );
  });

  it('streams files under data/streams and looks at destinations every 500 ms unless told otherwise', () => {
    expect(parseEnv({})).toMatchObject({ AUDITDESK_STREAM_ROOT: 'data/streams', AUDITDESK_STREAM_POLL_MS: 500 });
    expect(parseEnv({ AUDITDESK_STREAM_ROOT: '/var/lib/auditdesk/streams', AUDITDESK_STREAM_POLL_MS: '50' })).toMatchObject({
      AUDITDESK_STREAM_ROOT: '/var/lib/auditdesk/streams',
      AUDITDESK_STREAM_POLL_MS: 50,
    });
    expect(() => parseEnv({ AUDITDESK_STREAM_POLL_MS: '0' })).toThrow(/AUDITDESK_STREAM_POLL_MS/);
  });
});
