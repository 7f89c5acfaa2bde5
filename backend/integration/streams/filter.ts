import * as v from 'valibot';
import { type AuditFilters, filterParamsOf } from '../../../shared/schemas/audit';
import { StreamFilter } from '../../../shared/schemas/streams';
import { SYSTEM_ACTOR } from '../../audit/context';
import type { Principal } from '../../auth/principal';

/** A destination's filter as stored: the log's query string in its own form (one value a string, several an array). */
export type StoredFilter = Record<string, string | string[]>;

export function storedFilterOf(filter: v.InferOutput<typeof StreamFilter> | undefined): StoredFilter {
  return filterParamsOf(filter ?? {});
}

/** The stored filter parsed back into the log's filters (it was validated with the same schema when saved). */
export function filtersOf(stored: StoredFilter): AuditFilters {
  return v.parse(StreamFilter, stored);
}

/**
 * Who reads the log for a destination: the workspace as its admins see it.
 * Destinations are set up by admins, so a destination receives exactly what
 * an admin's GET /audit with the same filter returns, every category and
 * the source's IP address and user agent included.
 */
export function streamReaderOf(orgId: string): Principal {
  return {
    orgId,
    actor: SYSTEM_ACTOR,
    user: { id: '', email: '', name: SYSTEM_ACTOR.name, role: 'admin' },
    apiKey: null,
    sessionId: null,
  };
}
