/** @jsxImportSource hono/jsx */
import { Layout } from './layout';
import { Field, SubmitActions } from './ui';

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
            <Field name="email" label="Email">
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
            </Field>
            <Field name="password" label="Password">
              <input
                id="f-password"
                type="password"
                name="password"
                autocomplete="current-password"
                required
                autofocus={Boolean(email)}
                data-testid="login-password"
              />
            </Field>
            <SubmitActions testid="login-submit" label="Sign in" />
          </form>
        </div>
      </main>
    </Layout>
  );
}
