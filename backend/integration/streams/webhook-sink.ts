import { SIGNATURE_HEADER, signatureHeader } from '../signature';

/** A batch the receiver did not confirm: why, in a few words (the status and its reason, or what the connection did). */
export class DeliveryFailure extends Error {}

export interface WebhookTarget {
  destinationId: string;
  url: string;
  secret: string;
}

export const WEBHOOK_TIMEOUT_MS = 10_000;
export const USER_AGENT = 'Auditdesk-Stream/1';

/**
 * The most a batch's body holds: collectors commonly refuse larger requests.
 * A batch stops before the event that would pass it (an event larger than
 * this alone is still sent, on its own).
 */
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

/** How many of `eventJsons`, from the first, fit one batch: at least one. */
export function eventsWithinLimit(eventJsons: readonly string[], maxBytes = MAX_BATCH_BYTES): number {
  let bytes = 64; // the envelope: {"destination":"<id>","events":[…]}
  let count = 0;
  for (const json of eventJsons) {
    bytes += Buffer.byteLength(json) + 1;
    if (count > 0 && bytes > maxBytes) break;
    count += 1;
  }
  return count;
}

/** The batch's body: the destination and its events' JSON texts, in sequence order. */
export function batchBody(destinationId: string, eventJsons: readonly string[]): string {
  return `{"destination":${JSON.stringify(destinationId)},"events":[${eventJsons.join(',')}]}`;
}

/**
 * POSTs one signed batch; resolves when the receiver answered 2xx, throws
 * DeliveryFailure otherwise. Redirects are not followed: the admin chose
 * this URL, and a redirect could lead the log somewhere else.
 */
export async function postBatch(target: WebhookTarget, body: string, now: Date, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<void> {
  let response: Response;
  try {
    response = await fetch(target.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        [SIGNATURE_HEADER]: signatureHeader(target.secret, now, body),
        'x-auditdesk-destination': target.destinationId,
      },
      body,
    });
  } catch (error) {
    throw new DeliveryFailure(connectionFailure(error, timeoutMs));
  }
  // The answer's body is not read: only the status counts.
  await response.body?.cancel().catch(() => undefined);
  if (response.status < 200 || response.status > 299) {
    throw new DeliveryFailure(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`.slice(0, 200));
  }
}

const CONNECTION_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found (DNS)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_HEADERS_TIMEOUT: 'no answer in time',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate self-signed',
};

function connectionFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${Math.round(timeoutMs / 100) / 10} s`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code;
  if (code && CONNECTION_ERRORS[code]) return CONNECTION_ERRORS[code]!;
  return (cause?.message ?? (error instanceof Error ? error.message : String(error))).slice(0, 200);
}
