import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { IntegrityStatus } from '../../../shared/api-client-integrity-responses';
import { VerificationListQuery, VerifyQuery } from '../../../shared/schemas/verification';
import { principalOf } from '../../auth/authenticate';
import { requires } from '../../auth/require';
import { auditChainHeads } from '../../db/schema';
import type { AppDeps } from '../../deps';
import type { AppEnv } from '../../http/app-env';
import { validate } from '../../http/validate';
import { bufferOf } from '../chain/append';
import { presentCheckpoint } from '../checkpoints/present';
import { latestCheckpointOf } from '../checkpoints/queries';
import { signingKeyBody } from '../checkpoints/signing-key-router';
import { latestVerification, listVerifications, presentVerification } from './record';
import { runVerification } from './run';

/**
 * The log's integrity for admins: `GET /audit/verify` verifies the chain now
 * (recorded, trigger `demand`), `GET /audit/verifications` lists the recorded
 * runs, `GET /audit/integrity` is what the admin page shows (head, anchor,
 * last run, latest checkpoint, key, schedule).
 */
export function verificationRouter(deps: AppDeps) {
  const reader = deps.db.reader;
  // Guarded route by route: this router is mounted at the log's root, where a catch-all guard would cover every route.
  const admin = requires('audit:integrity');
  return new Hono<AppEnv>()
    .get('/verify', admin, validate('query', VerifyQuery), async (c) => {
      const row = await runVerification(deps, principalOf(c).orgId, 'demand', { full: c.req.valid('query').full === 'true' });
      return c.json(presentVerification(row));
    })
    .get('/verifications', admin, validate('query', VerificationListQuery), async (c) => {
      const rows = await listVerifications(reader, principalOf(c).orgId, c.req.valid('query').limit);
      return c.json({ items: rows.map(presentVerification) });
    })
    .get('/integrity', admin, async (c) => {
      const orgId = principalOf(c).orgId;
      const [head] = await reader.select().from(auditChainHeads).where(eq(auditChainHeads.orgId, orgId));
      const [last, checkpoint] = await Promise.all([latestVerification(reader, orgId), latestCheckpointOf(reader, orgId)]);
      const status: IntegrityStatus = {
        head: head ? { seq: head.seq, hash: bufferOf(head.hash).toString('hex') } : null,
        anchor: head && head.anchorSeq > 0 && head.anchorHash ? { seq: head.anchorSeq, hash: bufferOf(head.anchorHash).toString('hex') } : null,
        lastVerification: last ? presentVerification(last) : null,
        latestCheckpoint: checkpoint ? presentCheckpoint(checkpoint) : null,
        signingKey: signingKeyBody(deps),
        schedule: { checkpointMinutes: deps.schedule.checkpointMinutes, verifyMinutes: deps.schedule.verifyMinutes },
      };
      return c.json(status);
    });
}
