import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { keyIdOf, parsePrivateKey } from '../chain/checkpoint';

/** The Ed25519 key checkpoints are signed with, and the id checkpoints name it by. */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

/** Where the key is kept when none is configured: beside the database, never inside it. */
export const DEFAULT_SIGNING_KEY_FILE = 'data/signing-key.pem';

export function signingKeyOf(privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/** A new key, held only by this process (tests, benchmarks, in-memory databases). */
export function generateSigningKey(): SigningKey {
  return signingKeyOf(generateKeyPairSync('ed25519').privateKey);
}

/** The public key as SPKI PEM, what /.well-known/auditdesk-signing-key serves. */
export function publicKeyPem(key: SigningKey): string {
  return key.publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

export interface SigningKeySource {
  /** AUDITDESK_SIGNING_KEY: PEM or base64 PKCS#8 text. */
  key?: string | undefined;
  /** AUDITDESK_SIGNING_KEY_FILE, when set. */
  keyFile?: string | undefined;
  /** DATABASE_URL: whether a key may be made here. */
  databaseUrl: string;
  /** The key file when none is set (`DEFAULT_SIGNING_KEY_FILE`). */
  defaultKeyFile?: string;
}

/**
 * The signing key the configuration names: the key itself; else the key
 * file, created with a new key (mode 0600) on first start and read from then
 * on; for an in-memory database with no file named, a key of this process
 * only. Checkpoints must verify whichever instance signed them, so with a
 * libSQL server (several instances) the key or an existing key file must be
 * named: each instance would otherwise make a key of its own. Throws an
 * Error saying what is wrong.
 */
export function loadSigningKey(source: SigningKeySource): SigningKey {
  if (source.key !== undefined) return signingKeyOf(parseOrExplain(source.key, 'AUDITDESK_SIGNING_KEY'));
  const url = source.databaseUrl;
  if (!url.startsWith('file:') && url !== ':memory:') {
    if (source.keyFile === undefined) {
      throw new Error(
        'AUDITDESK_SIGNING_KEY or AUDITDESK_SIGNING_KEY_FILE must be set when DATABASE_URL is a libSQL server: ' +
          'every instance on that database must sign checkpoints with the same Ed25519 key.',
      );
    }
    return readKeyFile(source.keyFile);
  }
  const inMemory = url === ':memory:' || url === 'file::memory:';
  if (inMemory && source.keyFile === undefined) return generateSigningKey();
  const file = source.keyFile ?? source.defaultKeyFile ?? DEFAULT_SIGNING_KEY_FILE;
  return existsSync(file) ? readKeyFile(file) : createKeyFile(file);
}

function readKeyFile(path: string): SigningKey {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`the signing key file ${path} cannot be read: ${(error as Error).message}`);
  }
  return signingKeyOf(parseOrExplain(text, `the signing key file ${path}`));
}

/**
 * Writes a new key to `path`, readable by its owner only. `wx` refuses an
 * existing file: a second process starting at the same moment reads the key
 * the first one wrote instead of replacing it.
 */
function createKeyFile(path: string): SigningKey {
  const key = generateSigningKey();
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, key.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readKeyFile(path);
    throw error;
  }
  return key;
}

function parseOrExplain(text: string, what: string): KeyObject {
  try {
    return parsePrivateKey(text);
  } catch (error) {
    throw new Error(`${what} is not an Ed25519 private key (PEM or base64 PKCS#8): ${(error as Error).message}`);
  }
}
