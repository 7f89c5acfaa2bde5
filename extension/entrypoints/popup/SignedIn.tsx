import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Inbox } from './Inbox';
import type { PopupModels } from './PopupApp';
import { Watches } from './Watches';

/** Who is signed in, with their role, and the way out; then their notifications and watches. */
export function SignedIn({ model, inbox, watches }: PopupModels) {
  useEffect(() => {
    void inbox.load();
    void watches.load();
  }, [inbox, watches]);
  const user = model.user.value;
  const unconfirmedAt = model.unconfirmedAt.value;
  if (!user) return null;
  return (
    <section class="popup__signed-in" aria-label="Signed in">
      <p data-testid="popup-user" class="popup__user">
        <strong>{user.name}</strong>
        <span class="popup__email">{user.email}</span>
      </p>
      <p>
        Role: <span data-testid="popup-role" data-role={user.role}>{user.role}</span>
      </p>
      {unconfirmedAt ? (
        <p class="popup__offline" role="status" data-testid="popup-offline">
          Offline: {unconfirmedAt} could not be reached to check this session. It is kept until the server can say whether it is still valid.
        </p>
      ) : null}
      <button type="button" data-testid="popup-open-log" onClick={() => void browser.runtime.openOptionsPage()}>
        Open the audit log
      </button>{' '}
      <button type="button" data-testid="popup-sign-out" disabled={model.phase.value === 'signing_out'} onClick={() => void model.signOut()}>
        Sign out
      </button>
      <Inbox model={inbox} />
      <Watches model={watches} />
    </section>
  );
}
