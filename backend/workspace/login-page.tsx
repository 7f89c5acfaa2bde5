/** @jsxImportSource hono/jsx */
import { Layout } from './layout';

/** The sign-in form. On failure it says one thing only, whatever went wrong, and keeps the email. */
export function LoginPage({ email = '', next = '', error }: { email?: string; next?: string; error?: string | undefined }) {
  return (
    <Layout title="Sign in">
      <main class="narrow" data-testid="login-page">
        <div class="card">
          <h1>Sign in to your workspace</h1>
          <form method="post" action="/workspace/login" class="stacked">
            {error ? (
              <p class="errors" role="alert" data-testid="login-error">
                {error}
              </p>
            ) : null}
            <input type="hidden" name="next" value={next} />
            <div class="field">
              <label for="f-email">Email</label>
              <input
                id="f-email"
                type="email"
                name="email"
                value={email}
                autocomplete="username"
                required
                autofocus={!email}
                data-testid="login-email"
              />
            </div>
            <div class="field">
              <label for="f-password">Password</label>
              <input
                id="f-password"
                type="password"
                name="password"
                autocomplete="current-password"
                required
                autofocus={Boolean(email)}
                data-testid="login-password"
              />
            </div>
            <div class="actions">
              <button type="submit" data-testid="login-submit">
                Sign in
              </button>
            </div>
          </form>
        </div>
      </main>
    </Layout>
  );
}
