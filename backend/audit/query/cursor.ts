import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AUDIT_FILTER_NAMES, type AuditFilters } from '../../../shared/schemas/audit';
import type { Principal } from '../../auth/principal';
import { ApiError } from '../../errors';
import type { Position } from './where';

/**
 * Opaque, signed page cursors. A cursor carries the keyset position, a hash
 * of the filters it was made for and the id of the user or key it was given
 * to, plus an HMAC-SHA256 over all three. So a cursor cannot be forged or
 * edited (tampered), replayed by another caller (foreign), or carried over
 * to other filters (mismatched): each answers 400 invalid_request.
 */

type Payload = [occurredAt: number, id: string, filters: string, holder: string];

/** Who a cursor belongs to: the user, or the API key. */
export function holderOf(principal: Principal): string {
  return principal.user ? `u:${principal.user.id}` : `k:${principal.apiKey?.id ?? principal.actor.id ?? ''}`;
}

/**
 * The filters a page was asked for, reduced to a short hash. `scope` names
 * the endpoint (the workspace log, one subject's history), so a cursor of
 * one history is not valid on another. Missing and empty filters hash
 * alike, and so do the same values of one filter in another order or
 * repeated (they select the same rows). Values are hashed as JSON arrays,
 * so `property=a,b` and `property=a&property=b` stay apart.
 */
export function filtersHashOf(filters: AuditFilters, scope: string): string {
  const normal: Array<[string, string | string[]]> = [];
  for (const name of AUDIT_FILTER_NAMES) {
    const value = filters[name];
    if (Array.isArray(value)) {
      if (value.length > 0) normal.push([name, [...new Set<string>(value)].sort()]);
    } else if (value !== undefined && value !== '') normal.push([name, String(value)]);
  }
  return createHash('sha256').update(JSON.stringify([scope, normal])).digest('base64url').slice(0, 16);
}

function mac(key: Buffer, body: string): Buffer {
  return createHmac('sha256', key).update(body).digest();
}

export function signCursor(key: Buffer, position: Position, filtersHash: string, holder: string): string {
  const payload: Payload = [position.occurredAt, position.id, filtersHash, holder];
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(key, body).toString('base64url')}`;
}

/** The position of a cursor made by `signCursor` for these filters and this caller; 400 otherwise. */
export function openCursor(key: Buffer, cursor: string, filtersHash: string, holder: string): Position {
  const [body, signature, extra] = cursor.split('.');
  if (!body || !signature || extra !== undefined) throw invalid('The cursor is not valid.');
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(key, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid('The cursor is not valid.');
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw invalid('The cursor is not valid.');
  }
  if (!isPayload(payload)) throw invalid('The cursor is not valid.');
  const [occurredAt, id, hash, owner] = payload;
  if (owner !== holder) throw invalid('The cursor was issued to someone else.');
  if (hash !== filtersHash) throw invalid('The cursor belongs to other filters; start again from the first page.');
  return { occurredAt, id };
}

function isPayload(value: unknown): value is Payload {
  return (
    Array.isArray(value) &&
    value.length === 4 &&
    Number.isSafeInteger(value[0]) &&
    typeof value[1] === 'string' &&
    value[1].length <= 40 &&
    typeof value[2] === 'string' &&
    typeof value[3] === 'string'
  );
}

function invalid(message: string): ApiError {
  return ApiError.badRequest(message, [{ path: 'cursor', message }]);
}
