/**
 * Chrome's notification permission is optional: asked for when the person
 * makes their first watch (never at install), and only if it is not granted
 * yet. Chrome shows its prompt only for a request made while handling a
 * click, so what the decision needs is read beforehand (`prepare`, as the
 * page opens) and the click only decides and asks, without waiting for
 * anything first. A refused prompt is not shown again on the next watch.
 */

/** What the decision reads: the permission now, and whether this browser asked before. */
export interface NotificationPermissionState {
  granted: boolean;
  asked: boolean;
}

/** Ask on the first watch made in this browser, unless already granted. */
export function shouldAskForNotifications(state: NotificationPermissionState): boolean {
  return !state.granted && !state.asked;
}

/** The browser calls the prompt makes, passed in so tests can stand in for them. */
export interface NotificationPermissionDeps {
  /** `permissions.contains({ permissions: ['notifications'] })`. */
  isGranted(): Promise<boolean>;
  /** `permissions.request({ permissions: ['notifications'] })`: must be called within a click's handling. */
  request(): Promise<boolean>;
  /** Whether the prompt was shown in this browser before (extension storage). */
  wasAsked(): Promise<boolean>;
  markAsked(): Promise<void>;
}

export interface NotificationPrompt {
  /** Reads the permission and whether it was asked for; call as the page opens. */
  prepare(): Promise<void>;
  /**
   * Called synchronously in the click handler that makes a watch, before
   * anything is awaited: asks for the permission when the decision says so.
   * The watch is made whatever the answer (a pending prompt never holds it
   * up); returns whether it asked.
   */
  askOnWatch(): boolean;
}

export function createNotificationPrompt(deps: NotificationPermissionDeps): NotificationPrompt {
  /** Unknown until prepared: a click before then does not ask (the next watch will). */
  let state: NotificationPermissionState | null = null;

  return {
    async prepare() {
      const [granted, asked] = await Promise.all([deps.isGranted().catch(() => false), deps.wasAsked().catch(() => false)]);
      state = { granted, asked };
    },
    askOnWatch() {
      const current = state;
      if (!current || !shouldAskForNotifications(current)) return false;
      // At once, so a second click while Chrome's prompt is up does not ask again.
      state = { ...current, asked: true };
      deps.request().then(
        (granted) => {
          state = { granted, asked: true };
          void deps.markAsked().catch(() => undefined);
        },
        // Not asked after all (no click to answer, a browser refusing optional permissions): the next watch asks.
        () => (state = current),
      );
      return true;
    },
  };
}
