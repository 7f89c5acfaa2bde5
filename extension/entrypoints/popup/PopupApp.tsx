import type { PopupModel } from '../../lib/popup/popup-model';
import { SignedIn } from './SignedIn';
import { SignInForm } from './SignInForm';

export function PopupApp({ model }: { model: InstanceType<typeof PopupModel> }) {
  const phase = model.phase.value;
  return (
    <main class="popup" aria-busy={model.busy.value}>
      <h1 class="popup__title">Auditdesk</h1>
      {phase === 'loading' ? null : phase === 'signed_in' || phase === 'signing_out' ? <SignedIn model={model} /> : <SignInForm model={model} />}
    </main>
  );
}
