import type { Checkpoint, IntegrityStatus, Verification } from '../../../shared/api-client';
import { SIGNING_KEY_PATH } from '../../../shared/api-client';
import type { IntegrityModel } from '../../lib/admin/integrity-model';
import { checkpointReasonLabel, everyMinutes, shortHash, triggerLabel, verificationSummary } from '../../lib/admin/integrity-words';
import { utcMinute } from '../../lib/admin/utc-time';

type Model = InstanceType<typeof IntegrityModel>;

interface Props {
  model: Model;
  /** The signed-in backend, whose well-known address serves the public key. */
  backendUrl: string;
}

/**
 * The log's tamper evidence: the last verification with Verify now, the
 * latest signed checkpoint with Download and Sign a checkpoint now, the key
 * it is signed with, and how to check a copy without trusting this server.
 */
export function LogIntegrity({ model, backendUrl }: Props) {
  const status = model.status.value;
  const error = model.error.value;
  return (
    <section class="settings__block" aria-labelledby="integrity-title" data-testid="settings-integrity" aria-busy={status === null && error === null}>
      <h3 id="integrity-title">Log integrity</h3>
      <p class="options__hint">
        Every audit event is chained to the one before it by a SHA-256 hash, and the chain's head is signed in checkpoints: an event changed, removed or
        inserted afterwards no longer verifies.
        {status ? ` Checkpoints are signed ${everyMinutes(status.schedule.checkpointMinutes)} and the chain verified ${everyMinutes(status.schedule.verifyMinutes)} in the background.` : null}
      </p>
      {status ? (
        <>
          <LastVerification model={model} run={status.lastVerification} />
          <LatestCheckpoint model={model} status={status} />
          <SigningKey status={status} backendUrl={backendUrl} />
          <OfflineCheck />
        </>
      ) : null}
      {error ? (
        <p class="settings__error" role="alert" data-testid="integrity-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}

function LastVerification({ model, run }: { model: Model; run: Verification | null }) {
  const verifying = model.busy.value === 'verify';
  return (
    <div class="settings__integrity-part" data-testid="integrity-verification" data-verification-id={run?.id}>
      <h4>Last verification</h4>
      {run ? (
        <>
          <p data-testid="integrity-verification-when">
            {utcMinute(run.finishedAt)}, {triggerLabel(run.trigger)}
          </p>
          <p class={run.ok ? 'settings__integrity-ok' : 'settings__locked'} data-testid="integrity-verification-result" role="status">
            {verificationSummary(run)}
          </p>
        </>
      ) : (
        <p data-testid="integrity-verification-result">The chain has not been verified yet.</p>
      )}
      <div class="settings__actions">
        <button type="button" data-testid="integrity-verify" disabled={model.busy.value !== null} aria-busy={verifying} onClick={() => void model.verify()}>
          {verifying ? 'Verifying…' : 'Verify now'}
        </button>
        <label>
          <input type="checkbox" data-testid="integrity-full" checked={model.full.value} onChange={(event) => (model.full.value = event.currentTarget.checked)} /> the
          whole chain, from the first event
        </label>
      </div>
    </div>
  );
}

function LatestCheckpoint({ model, status }: { model: Model; status: IntegrityStatus }) {
  const latest = status.latestCheckpoint;
  const busy = model.busy.value;
  return (
    <div class="settings__integrity-part" data-testid="integrity-checkpoint">
      <h4>Latest checkpoint</h4>
      {latest ? <CheckpointFacts checkpoint={latest} headSeq={status.head?.seq ?? null} /> : <p>No checkpoint has been signed yet.</p>}
      {status.anchor ? (
        <p class="options__hint" data-testid="integrity-anchor">
          Events up to sequence {status.anchor.seq} were deleted by retention; the chain goes on from their last hash ({shortHash(status.anchor.hash)}), signed in a
          checkpoint.
        </p>
      ) : null}
      <div class="settings__actions">
        {latest ? (
          <button type="button" data-testid="integrity-download" disabled={busy !== null} aria-busy={busy === 'download'} onClick={() => void model.download()}>
            Download
          </button>
        ) : null}
        <button type="button" data-testid="integrity-sign" disabled={busy !== null} aria-busy={busy === 'sign'} onClick={() => void model.sign()}>
          {busy === 'sign' ? 'Signing…' : 'Sign a checkpoint now'}
        </button>
        {model.saved.value ? (
          <span role="status" data-testid="integrity-saved">
            Saved as {model.saved.value}.
          </span>
        ) : null}
      </div>
    </div>
  );
}

function CheckpointFacts({ checkpoint, headSeq }: { checkpoint: Checkpoint; headSeq: number | null }) {
  const since = headSeq === null ? 0 : headSeq - checkpoint.seq;
  return (
    <dl class="settings__facts" data-testid="integrity-checkpoint-facts" data-checkpoint-id={checkpoint.id}>
      <dt>Sequence</dt>
      <dd data-testid="integrity-checkpoint-seq">
        {checkpoint.seq.toLocaleString('en-US')}
        {since > 0 ? ` (${since.toLocaleString('en-US')} ${since === 1 ? 'event' : 'events'} since)` : null}
      </dd>
      <dt>Signed</dt>
      <dd>
        {utcMinute(checkpoint.signedAt)}, {checkpointReasonLabel(checkpoint.reason)}
      </dd>
      <dt>Chain hash</dt>
      <dd>
        <code title={checkpoint.hash}>{shortHash(checkpoint.hash)}</code>
      </dd>
      <dt>Key id</dt>
      <dd>
        <code>{checkpoint.keyId}</code>
      </dd>
    </dl>
  );
}

function SigningKey({ status, backendUrl }: { status: IntegrityStatus; backendUrl: string }) {
  const url = `${backendUrl.replace(/\/+$/, '')}${SIGNING_KEY_PATH}`;
  return (
    <div class="settings__integrity-part" data-testid="integrity-key">
      <h4>Signing key</h4>
      <p>
        {status.signingKey.algorithm} key <code data-testid="integrity-key-id">{status.signingKey.keyId}</code>, public at{' '}
        <a href={url} target="_blank" rel="noreferrer" data-testid="integrity-key-link">
          {url}
        </a>
        . Keep a copy of it with the checkpoints you download.
      </p>
    </div>
  );
}

function OfflineCheck() {
  return (
    <div class="settings__integrity-part" data-testid="integrity-offline">
      <h4>Verify a copy offline</h4>
      <p class="options__hint">
        Without this server, on a copy of the database file and a checkpoint kept elsewhere (a log rewritten before the checkpoint no longer reaches its hash):
      </p>
      <pre class="settings__command">
        <code>npm run verify -- --db copy-of-auditdesk.db --checkpoint auditdesk-checkpoint-….json --public-key auditdesk-signing-key.pem</code>
      </pre>
      <p class="options__hint">
        An export in JSONL carries its proof: <code>npm run verify -- --export auditdesk-export.jsonl</code>.
      </p>
    </div>
  );
}
