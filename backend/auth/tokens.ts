import { createHash, randomBytes } from 'node:crypto';

/** Hex SHA-256; what the database keeps instead of a bearer token or API key secret. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** API key secrets: a recognisable prefix and 256 random bits. */
export const API_KEY_PREFIX = 'adk_';

export function newApiKeySecret(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}
