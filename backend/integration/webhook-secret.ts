import { randomBytes } from 'node:crypto';

/** A new shared secret for signing webhook bodies: 256 random bits, as URL-safe base64 (no characters a helpdesk's form would mangle). */
export function newWebhookSecret(): string {
  return randomBytes(32).toString('base64url');
}
