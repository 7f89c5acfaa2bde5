import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id minimum: 19 MiB, two passes, one lane.
const ARGON2ID = { algorithm: 2 /* Algorithm.Argon2id, a const enum */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * The form of a password that is hashed and measured: Unicode NFKC (NIST SP
 * 800-63B), so the same password typed on two keyboards that compose "é"
 * differently is the same password. Nothing is trimmed or cut: argon2 hashes
 * every byte, however long (the length limits are password-policy.ts's).
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

export function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password), ARGON2ID);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, normalizePassword(password));
  } catch {
    return false;
  }
}

/**
 * Checked when the email is unknown, so that answering "no such user" costs
 * the same time as answering "wrong password".
 */
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('auditdesk-timing-equalizer');
  await verifyPassword(await dummyHash, password);
  return false;
}
