import { ApiError } from '../../errors';

/** One answer for every request that is not signed by a live webhook's secret: an unknown id cannot be told from a wrong signature. */
export function invalidSignature(): ApiError {
  return new ApiError(401, 'invalid_signature', 'The request is not signed with the secret of a webhook at this address.');
}
