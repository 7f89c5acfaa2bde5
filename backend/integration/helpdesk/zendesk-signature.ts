import { createHmac, timingSafeEqual } from 'node:crypto';
import { SIGNATURE_TOLERANCE_SECONDS, type SignatureCheck } from '../signature';

/*
 * Zendesk's own webhook signature: `X-Zendesk-Webhook-Signature` is the
 * base64 of HMAC-SHA256(secret, timestamp + body), where the timestamp is
 * the `X-Zendesk-Webhook-Signature-Timestamp` header exactly as sent (ISO
 * 8601, e.g. 2026-12-03T09:00:00Z) and nothing separates it from the body.
 */

export const ZENDESK_SIGNATURE_HEADER = 'X-Zendesk-Webhook-Signature';
export const ZENDESK_TIMESTAMP_HEADER = 'X-Zendesk-Webhook-Signature-Timestamp';

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const BASE64_SHA256 = /^[A-Za-z0-9+/]{43}=$/;

/** The signature (base64) Zendesk sends for `body` at `timestamp` (the header's text). */
export function zendeskSignatureOf(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(timestamp + body).digest('base64');
}

/** Whether Zendesk's header pair signs `body` with `secret`, within the tolerance of `now`; compared in constant time. */
export function checkZendeskSignature(secret: string, signature: string | undefined, timestamp: string | undefined, body: string, now: Date): SignatureCheck {
  if (!signature || !timestamp) return { ok: false, reason: signature || timestamp ? 'malformed' : 'missing' };
  if (!ISO_TIMESTAMP.test(timestamp) || !BASE64_SHA256.test(signature)) return { ok: false, reason: 'malformed' };
  const sentAt = Date.parse(timestamp);
  if (Number.isNaN(sentAt)) return { ok: false, reason: 'malformed' };
  if (Math.abs(now.getTime() - sentAt) > SIGNATURE_TOLERANCE_SECONDS * 1000) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(zendeskSignatureOf(secret, timestamp, body), 'base64');
  return timingSafeEqual(Buffer.from(signature, 'base64'), expected) ? { ok: true } : { ok: false, reason: 'mismatch' };
}
