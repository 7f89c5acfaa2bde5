import { NO_SOURCE, SYSTEM_ACTOR, type AuditContext } from '../../audit/context';
import { updateEntity } from '../../audit/engine';
import type { Tx } from '../../db/sql';
import type { AppDeps } from '../../deps';
import { destinationEntity } from './destination-entity';

/** "3 days", "1 hour", "5 minutes": how long a destination has been failing, in its largest whole unit. */
export function durationInWords(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const [count, unit] = minutes >= 1_440 ? [Math.floor(minutes / 1_440), 'day'] : minutes >= 60 ? [Math.floor(minutes / 60), 'hour'] : [minutes, 'minute'];
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/**
 * Pauses a destination that has failed without a success for its
 * pauseAfterMinutes, saying why; done by Auditdesk itself (the `system`
 * actor), audited like an admin's pause. Its events stay in the log (within
 * retention) and are delivered from the stored position once it is resumed.
 */
export async function pauseAfterFailing(
  tx: Tx,
  deps: Pick<AppDeps, 'now' | 'newId'>,
  destination: { id: string; orgId: string },
  failingForMs: number,
  lastError: string,
): Promise<void> {
  const ctx: AuditContext = { orgId: destination.orgId, actor: SYSTEM_ACTOR, source: NO_SOURCE, now: deps.now, newId: deps.newId };
  await updateEntity(tx, ctx, destinationEntity, destination.id, (current) =>
    current.status === 'paused' ? {} : { status: 'paused' as const, pausedReason: `Paused after failing for ${durationInWords(failingForMs)}: ${lastError}` },
  );
}
