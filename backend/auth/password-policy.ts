import { readFileSync } from 'node:fs';
import { normalizePassword } from './passwords';

/**
 * Password rules of NIST SP 800-63B (5.1.1.2) and OWASP ASVS 5: a minimum
 * length, a generous maximum, no composition rules (no "one digit, one
 * symbol"), no truncation, and no password that is known to be common or
 * that is built from this service's or this user's own name.
 * Lengths count Unicode code points of the NFKC form, so "é" is one character.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 1024;

/** Longer than any password the policy allows, in UTF-16 units: the cap on request bodies' password fields. */
export const PASSWORD_INPUT_MAX = 2 * PASSWORD_MAX_LENGTH;

/** Words of this service; passwords containing them are the first ones guessed. */
const SERVICE_WORDS = ['auditdesk'];

/** Shorter words of a user's name or email are too likely to occur by chance to be refused. */
const MIN_CONTEXT_WORD = 4;

/**
 * Why `password` may not be used by the user with this email and name, or
 * null when it may. The message is shown to the person choosing it.
 */
export function checkPasswordPolicy(password: string, user: { email: string; name: string }): string | null {
  const normalized = normalizePassword(password);
  const length = [...normalized].length;
  if (length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  const lower = normalized.toLowerCase();
  if (contextWords(user).some((word) => lower.includes(word))) {
    return 'Do not build the password from your name, your email or the name of this service.';
  }
  if (commonPasswords().has(lower)) return 'This password is one of the most commonly used ones: choose another.';
  return null;
}

function contextWords({ email, name }: { email: string; name: string }): string[] {
  const e = email.trim().toLowerCase();
  const n = name.trim().toLowerCase();
  const words = [...SERVICE_WORDS, e, e.split('@')[0] ?? '', n, n.replace(/\s+/g, '')];
  return words.filter((word) => [...word].length >= MIN_CONTEXT_WORD);
}

/** The shipped list (common-passwords.txt says where it comes from), read once on first use. */
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return common;
}
