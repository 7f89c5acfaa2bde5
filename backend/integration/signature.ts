import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * The signature of a webhook body, both ways: Auditdesk signs the batches it
 * streams out, and checks the helpdesk webhooks it receives, the same way.
 * Header: `X-Auditdesk-Signature: t=<unix seconds>,v1=<hex>`, where the hex
 * is HMAC-SHA256(secret, "<t>.<body>"). Signing the time with the body lets
 * a receiver refuse a replay of an old request: it is valid for
 * SIGNATURE_TOLERANCE_SECONDS either side of the receiver's clock.
 */

export const SIGNATURE_HEADER = 'X-Auditdesk-Signature';
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The v1 signature (hex) of `body` sent at `timestamp` (unix seconds). */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The header value for `body` sent at `now`. */
export function signatureHeader(secret: string, now: Date, body: string): string {
  const timestamp = Math.floor(now.getTime() / 1000);
  return `t=${timestamp},v1=${signatureOf(secret, timestamp, body)}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

/**
 * Whether `header` signs `body` with `secret`, within the tolerance of
 * `now`. Any of several `v1=` values may match (a sender rotating its
 * secret sends both); compared in constant time.
 */
export function checkSignature(secret: string, header: string | undefined, body: string, now: Date): SignatureCheck {
  if (header === undefined || header === '') return { ok: false, reason: 'missing' };
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamps = parts.filter(([k]) => k === 't').map(([, value]) => value ?? '');
  const signatures = parts.filter(([k]) => k === 'v1').map(([, value]) => value ?? '');
  if (timestamps.length !== 1 || !/^\d{1,12}$/.test(timestamps[0]!) || signatures.length === 0) return { ok: false, reason: 'malformed' };
  const timestamp = Number(timestamps[0]);
  if (Math.abs(now.getTime() / 1000 - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signatureOf(secret, timestamp, body), 'hex');
  const matches = signatures.some((signature) => {
    if (!/^[0-9a-f]{64}$/.test(signature)) return false;
    return timingSafeEqual(Buffer.from(signature, 'hex'), expected);
  });
  return matches ? { ok: true } : { ok: false, reason: 'mismatch' };
}
