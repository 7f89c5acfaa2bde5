import { checkSignature, SIGNATURE_HEADER, type SignatureCheck } from '../signature';
import { checkZendeskSignature, ZENDESK_SIGNATURE_HEADER, ZENDESK_TIMESTAMP_HEADER } from './zendesk-signature';

type Refused = Extract<SignatureCheck, { ok: false }>['reason'];

/**
 * Whether a delivery is signed with the webhook's secret: by
 * `X-Auditdesk-Signature` when present, else by Zendesk's header pair.
 */
export function checkDeliverySignature(secret: string, header: (name: string) => string | undefined, body: string, now: Date): SignatureCheck {
  const ours = header(SIGNATURE_HEADER);
  if (ours !== undefined) return checkSignature(secret, ours, body, now);
  return checkZendeskSignature(secret, header(ZENDESK_SIGNATURE_HEADER), header(ZENDESK_TIMESTAMP_HEADER), body, now);
}

/** Why a delivery's signature was refused, in words for the admin page (the sender is only ever told 401). */
export const SIGNATURE_REFUSALS: Record<Refused, string> = {
  missing: `No signature: send ${SIGNATURE_HEADER}, or ${ZENDESK_SIGNATURE_HEADER} with ${ZENDESK_TIMESTAMP_HEADER}.`,
  malformed: 'The signature headers are malformed.',
  stale: 'The signature’s timestamp is more than 5 minutes away from the server’s clock (an old or replayed request, or a clock that is off).',
  mismatch: 'The signature does not match the body and this webhook’s secret.',
};
