import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSigningKey, loadSigningKey, publicKeyPem } from './key';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'auditdesk-key-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ed25519 = () => generateKeyPairSync('ed25519').privateKey;

describe('loadSigningKey', () => {
  it('takes AUDITDESK_SIGNING_KEY as PEM', () => {
    const key = ed25519();
    const loaded = loadSigningKey({ key: key.export({ type: 'pkcs8', format: 'pem' }).toString(), databaseUrl: 'file:x.db' });
    expect(loaded.privateKey.equals(key)).toBe(true);
    expect(loaded.keyId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('takes AUDITDESK_SIGNING_KEY as the base64 of its PKCS#8 DER', () => {
    const key = ed25519();
    const base64 = key.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    expect(loadSigningKey({ key: base64, databaseUrl: 'libsql://db.example' }).privateKey.equals(key)).toBe(true);
  });

  it('refuses a key that is not Ed25519, naming the variable', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadSigningKey({ key: rsa, databaseUrl: 'file:x.db' })).toThrow(/AUDITDESK_SIGNING_KEY is not an Ed25519 private key.*rsa/);
    expect(() => loadSigningKey({ key: 'not a key', databaseUrl: 'file:x.db' })).toThrow(/AUDITDESK_SIGNING_KEY is not an Ed25519 private key/);
  });

  it('generates the key file on first start, readable by its owner only, and reuses it afterwards', () => {
    const file = join(dir, 'keys', 'signing-key.pem');
    const first = loadSigningKey({ databaseUrl: `file:${join(dir, 'a.db')}`, defaultKeyFile: file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const second = loadSigningKey({ databaseUrl: `file:${join(dir, 'a.db')}`, defaultKeyFile: file });
    expect(second.keyId).toBe(first.keyId);
    expect(publicKeyPem(second)).toBe(publicKeyPem(first));
  });

  it('reads AUDITDESK_SIGNING_KEY_FILE when set, and refuses one holding another kind of key', () => {
    const file = join(dir, 'given.pem');
    const key = ed25519();
    writeFileSync(file, key.export({ type: 'pkcs8', format: 'pem' }));
    expect(loadSigningKey({ keyFile: file, databaseUrl: 'file:x.db' }).privateKey.equals(key)).toBe(true);
    writeFileSync(file, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => loadSigningKey({ keyFile: file, databaseUrl: 'file:x.db' })).toThrow(new RegExp(`signing key file ${file} is not an Ed25519`));
  });

  it('makes a key of the process for an in-memory database, writing no file', () => {
    const file = join(dir, 'never.pem');
    const a = loadSigningKey({ databaseUrl: ':memory:', defaultKeyFile: file });
    const b = loadSigningKey({ databaseUrl: ':memory:', defaultKeyFile: file });
    expect(a.keyId).not.toBe(b.keyId);
    expect(() => statSync(file)).toThrow();
  });

  it('refuses to start on a libSQL server without a key or key file, even when a default key file exists', () => {
    const file = join(dir, 'signing-key.pem');
    writeFileSync(file, generateSigningKey().privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => loadSigningKey({ databaseUrl: 'ws://127.0.0.1:8080', defaultKeyFile: file })).toThrow(
      /AUDITDESK_SIGNING_KEY or AUDITDESK_SIGNING_KEY_FILE must be set when DATABASE_URL is a libSQL server/,
    );
    expect(loadSigningKey({ databaseUrl: 'ws://127.0.0.1:8080', keyFile: file }).keyId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('does not make a key file for a libSQL server whose named key file is missing', () => {
    const file = join(dir, 'missing.pem');
    expect(() => loadSigningKey({ databaseUrl: 'libsql://db.example', keyFile: file })).toThrow(/cannot be read/);
    expect(() => statSync(file)).toThrow();
  });
});
