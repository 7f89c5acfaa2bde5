import type { Checkpoint, Verification } from '../../../shared/api-client';

/*
 * The Log integrity section's sentences: what a verification found and how
 * a checkpoint came to be signed, in words an admin reads without knowing
 * how the chain is built.
 */

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** What a run found: "Verified 42 events (sequence 1 to 42)." or where the chain stops matching, and why. */
export function verificationSummary(run: Verification): string {
  if (run.ok) {
    const range = run.checked > 0 ? ` (sequence ${run.fromSequence.toLocaleString('en-US')} to ${run.toSequence.toLocaleString('en-US')})` : '';
    return `Verified ${count(run.checked, 'event')}${range}: nothing was changed, removed or inserted.`;
  }
  const where = run.firstBadSequence === null ? 'The log does not verify' : `The log does not verify from event ${run.firstBadSequence.toLocaleString('en-US')} on`;
  // The backend's reason may end its own sentence.
  const reason = (run.reason ?? 'no reason was given').replace(/\.$/, '');
  return `${where}: ${reason}.`;
}

const TRIGGERS: Record<Verification['trigger'], string> = {
  schedule: 'in the background',
  demand: 'on demand',
};

/** How a run was started. */
export function triggerLabel(trigger: Verification['trigger']): string {
  return TRIGGERS[trigger];
}

const REASONS: Record<Checkpoint['reason'], string> = {
  schedule: 'on schedule',
  demand: 'on demand',
  purge: 'after a retention purge',
  export: 'for an export',
};

/** Why a checkpoint was signed. */
export function checkpointReasonLabel(reason: Checkpoint['reason']): string {
  return REASONS[reason];
}

/** A hash short enough to compare by eye: its first and last 8 hex digits. */
export function shortHash(hash: string): string {
  return hash.length <= 20 ? hash : `${hash.slice(0, 8)}…${hash.slice(-8)}`;
}

/** "every minute", "every hour", "every 6 hours", "every 15 minutes". */
export function everyMinutes(minutes: number): string {
  if (minutes === 1) return 'every minute';
  if (minutes === 60) return 'every hour';
  if (minutes % 60 === 0) return `every ${minutes / 60} hours`;
  return `every ${minutes} minutes`;
}
