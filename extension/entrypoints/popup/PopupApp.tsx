import type { InboxModel } from '../../lib/popup/inbox-model';
import type { PopupModel } from '../../lib/popup/popup-model';
import type { WatchesModel } from '../../lib/popup/watches-model';
import { SignedIn } from './SignedIn';
import { SignInForm } from './SignInForm';

export interface PopupModels {
  model: InstanceType<typeof PopupModel>;
  inbox: InstanceType<typeof InboxModel>;
  watches: InstanceType<typeof WatchesModel>;
}

export function PopupApp({ model, inbox, watches }: PopupModels) {
  const phase = model.phase.value;
  return (
    <main class="popup" aria-busy={model.busy.value}>
      <h1 class="popup__title">Auditdesk</h1>
      {phase === 'loading' ? null : phase === 'signed_in' || phase === 'signing_out' ? <SignedIn model={model} inbox={inbox} watches={watches} /> : <SignInForm model={model} />}
    </main>
  );
}
