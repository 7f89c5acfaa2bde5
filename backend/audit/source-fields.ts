import { can } from '../auth/permissions';
import type { Principal } from '../auth/principal';

/**
 * How much of an event's `source` a caller sees. The IP address and user
 * agent tell where and on what device a coworker works: personal data, shown
 * to those who hold `audit:source` (admins). Everyone else gets both as null;
 * the request id and API key id, which identify no person, stay.
 */
export type SourceFields = 'all' | 'without_client';

export function sourceFieldsOf(principal: Principal): SourceFields {
  return can(principal, 'audit:source') ? 'all' : 'without_client';
}
