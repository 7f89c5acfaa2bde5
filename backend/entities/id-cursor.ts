import { ID_PATTERN } from '../../shared/schemas/common';
import { ApiError } from '../errors';

/**
 * Cursors of entity lists: the last id served, base64url-encoded so clients
 * treat it as opaque. (The audit log's cursors are signed: backend/audit/query/cursor.ts.)
 */
export function encodeIdCursor(id: string): string {
  return Buffer.from(`id:${id}`).toString('base64url');
}

export function decodeIdCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = text.startsWith('id:') ? text.slice(3) : '';
  if (!ID_PATTERN.test(id)) throw ApiError.badRequest('The cursor is not valid.');
  return id;
}
