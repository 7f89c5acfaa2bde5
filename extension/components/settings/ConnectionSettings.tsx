import type { SettingsModel } from '../../lib/admin/settings-model';

/** Which backend this extension talks to and who is signed in there; signing in is the toolbar button's job. */
export function ConnectionSettings({ model }: { model: InstanceType<typeof SettingsModel> }) {
  const connection = model.connection.value;
  return (
    <section class="settings__block" aria-labelledby="connection-title" data-testid="settings-connection">
      <h3 id="connection-title">Backend connection</h3>
      {connection ? (
        <>
          <dl class="settings__facts">
            <dt>Backend</dt>
            <dd>
              <code data-testid="settings-backend-url">{connection.backendUrl}</code>
            </dd>
            <dt>Signed in as</dt>
            <dd data-testid="settings-signed-in-as">
              {connection.user.name} ({connection.user.email}), {connection.user.role}
            </dd>
          </dl>
          {connection.offline ? (
            <p class="settings__error" role="status">
              The backend could not be reached to check this session; it is kept until the backend answers.
            </p>
          ) : null}
          <button type="button" data-testid="settings-sign-out" disabled={model.signingOut.value} onClick={() => void model.signOut()}>
            Sign out
          </button>
        </>
      ) : (
        <p class="options__hint" data-testid="settings-signed-out">
          Not signed in. Sign in with the Auditdesk toolbar button: backend URL, email and password.
        </p>
      )}
    </section>
  );
}
