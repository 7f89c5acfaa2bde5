import { batch, computed, createModel, signal } from '@preact/signals';
import * as v from 'valibot';
import { Requests, type Result, type SessionState } from '../messaging/protocol';
import { needsHostPermission, originPatternOf } from '../session/host-permission';

/** Everything the popup touches outside itself (the messenger, storage, permissions), passed in for tests. */
export interface PopupDeps {
  getSession(): Promise<SessionState>;
  signIn(input: v.InferOutput<typeof Requests.signIn>): Promise<Result<SessionState>>;
  signOut(): Promise<SessionState>;
  /** The backend URL last signed in to (or the default). */
  lastBackendUrl(): Promise<string>;
  /** permissions.request for an origin pattern; must run inside the click that asked for it. */
  requestHostPermission(originPattern: string): Promise<boolean>;
}

export type PopupPhase = 'loading' | 'signed_out' | 'signing_in' | 'signed_in' | 'signing_out';

const FIELD_LABELS: Record<string, string> = { backendUrl: 'Backend URL', email: 'Email', password: 'Password' };

/**
 * The toolbar popup: sign in to a backend, or see who is signed in and sign
 * out. Failures show the backend's own message (one generic message for any
 * wrong email or password, the rate limit's wait).
 */
export const PopupModel = createModel((deps: PopupDeps) => {
  const phase = signal<PopupPhase>('loading');
  const session = signal<SessionState>({ status: 'signed_out' });
  const backendUrl = signal('');
  const email = signal('');
  const password = signal('');
  const error = signal<string | null>(null);
  const user = computed(() => (session.value.status === 'signed_in' ? session.value.user : null));
  /** The backend this session could not be confirmed with (unreachable as the popup opened), or null. */
  const unconfirmedAt = computed(() => (session.value.status === 'signed_in' && session.value.offline ? session.value.backendUrl : null));
  const busy = computed(() => phase.value === 'loading' || phase.value === 'signing_in' || phase.value === 'signing_out');

  const show = (state: SessionState) =>
    batch(() => {
      session.value = state;
      phase.value = state.status;
    });

  return {
    phase,
    user,
    unconfirmedAt,
    backendUrl,
    email,
    password,
    error,
    busy,

    /** Reads the session (the background confirms it with the backend) and the last backend URL when the popup opens. */
    async load() {
      const [state, url] = await Promise.all([deps.getSession(), deps.lastBackendUrl()]);
      if (!backendUrl.value) backendUrl.value = url;
      show(state);
    },

    /**
     * Signs in. The host permission for a backend beyond this machine is
     * asked first, before anything else is awaited: the browser grants
     * permission prompts only inside the click that caused them.
     */
    async signIn() {
      if (busy.value) return;
      const input = v.safeParse(Requests.signIn, { backendUrl: backendUrl.value, email: email.value, password: password.value });
      if (!input.success) {
        const [issue] = input.issues;
        const field = issue ? v.getDotPath(issue) : null;
        error.value = `${(field && FIELD_LABELS[field]) ?? 'The form'} ${issue?.message ?? 'is not valid'}.`;
        return;
      }
      const url = input.output.backendUrl;
      if (needsHostPermission(url) && !(await deps.requestHostPermission(originPatternOf(url)))) {
        error.value = `Auditdesk needs your permission to reach ${new URL(url).origin}.`;
        return;
      }
      batch(() => {
        phase.value = 'signing_in';
        error.value = null;
      });
      const result = await deps.signIn(input.output).catch(() => unreachable());
      if (result.ok) {
        password.value = '';
        show(result.value);
      } else {
        batch(() => {
          error.value = result.error.message;
          phase.value = 'signed_out';
        });
      }
    },

    async signOut() {
      if (busy.value) return;
      phase.value = 'signing_out';
      show(await deps.signOut().catch((): SessionState => ({ status: 'signed_out' })));
    },
  };
});

/** The background did not answer (the extension was just reloaded). */
function unreachable(): Result<SessionState> {
  return { ok: false, error: { code: 'offline', message: 'The Auditdesk extension did not answer. Close the popup and try again.' } };
}
