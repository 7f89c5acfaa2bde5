import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { principalOf } from '../auth/authenticate';
import type { Tx } from '../db/sql';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { findAnswer, type IdempotencyScope, saveAnswer } from '../integration/idempotency-store';
import type { AppEnv } from './app-env';

/** An answer a write job gives, kept as the first answer to its Idempotency-Key. */
export interface JobAnswer {
  status: ContentfulStatusCode;
  body: unknown;
}

/** 1–255 printable ASCII characters. */
const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/;

/**
 * Runs `job` in a write transaction and answers with what it returns; with
 * an `Idempotency-Key` header, at most once per key. The key's first answer
 * is stored in the job's own transaction, and a later request with the key
 * is looked up inside its write transaction: the write queue runs one job
 * at a time, so of concurrent requests with one key exactly one writes and
 * the others replay its answer (status and body, `Idempotent-Replayed:
 * true`). The same key with another request (method, path or body) is
 * refused with 422 `idempotency_mismatch`. Keys belong to the API key that
 * sent them; people's sessions cannot send one.
 *
 * Call it after the body was validated: the raw body is read again for the
 * request's hash (hono keeps it), and a refused body is never stored.
 */
export async function answerOnce(c: Context<AppEnv>, deps: Pick<AppDeps, 'writes' | 'now'>, job: (tx: Tx) => Promise<JobAnswer>): Promise<Response> {
  const key = c.req.header('idempotency-key');
  if (key === undefined) {
    const answer = await deps.writes.run(job);
    return c.json(answer.body, answer.status);
  }
  if (!IDEMPOTENCY_KEY.test(key)) throw ApiError.badRequest('Idempotency-Key must be 1 to 255 printable ASCII characters.');
  const apiKey = principalOf(c).apiKey;
  if (!apiKey) throw ApiError.badRequest('Idempotency-Key is accepted from API keys only.');
  const scope: IdempotencyScope = { orgId: principalOf(c).orgId, apiKeyId: apiKey.id, key };
  const requestHash = createHash('sha256').update(`${c.req.method}\n${c.req.path}\n${await c.req.text()}`).digest('hex');

  const outcome = await deps.writes.run(async (tx) => {
    const stored = await findAnswer(tx, scope);
    if (stored) {
      if (stored.requestHash !== requestHash) {
        throw new ApiError(422, 'idempotency_mismatch', 'This Idempotency-Key was already used with another request; send a new key with a new request.');
      }
      return { replayed: true, status: stored.status, body: stored.body };
    }
    const answer = await job(tx);
    const body = JSON.stringify(answer.body);
    await saveAnswer(tx, scope, { requestHash, status: answer.status, body }, deps.now());
    return { replayed: false, status: answer.status, body };
  });
  return c.body(outcome.body, outcome.status as ContentfulStatusCode, {
    'content-type': 'application/json',
    ...(outcome.replayed && { 'idempotent-replayed': 'true' }),
  });
}
