import type { PopupModel } from '../../lib/popup/popup-model';

/** Backend URL, email and password; Enter in any field submits. */
export function SignInForm({ model }: { model: InstanceType<typeof PopupModel> }) {
  const signingIn = model.phase.value === 'signing_in';
  const error = model.error.value;
  return (
    <form
      class="popup__form"
      aria-describedby={error ? 'popup-error' : undefined}
      onSubmit={(event) => {
        event.preventDefault();
        void model.signIn();
      }}
    >
      <label for="popup-backend-url">Backend URL</label>
      <input
        id="popup-backend-url"
        data-testid="popup-backend-url"
        type="url"
        required
        autoComplete="url"
        value={model.backendUrl.value}
        onInput={(event) => (model.backendUrl.value = event.currentTarget.value)}
      />
      <label for="popup-email">Email</label>
      <input
        id="popup-email"
        data-testid="popup-email"
        type="email"
        required
        autoComplete="username"
        autoFocus
        value={model.email.value}
        onInput={(event) => (model.email.value = event.currentTarget.value)}
      />
      <label for="popup-password">Password</label>
      <input
        id="popup-password"
        data-testid="popup-password"
        type="password"
        required
        autoComplete="current-password"
        value={model.password.value}
        onInput={(event) => (model.password.value = event.currentTarget.value)}
      />
      {error ? (
        <p id="popup-error" class="popup__error" role="alert" data-testid="popup-error">
          {error}
        </p>
      ) : null}
      <button type="submit" data-testid="popup-sign-in" disabled={signingIn}>
        {signingIn ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
