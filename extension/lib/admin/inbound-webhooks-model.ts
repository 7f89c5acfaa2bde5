import { batch, createModel, signal } from '@preact/signals';
import * as v from 'valibot';
import type { InboundWebhook, InboundWebhookWithSecret } from '../../../shared/api-client';
import { InboundWebhookCreate } from '../../../shared/schemas/inbound-webhooks';
import type { Result } from '../messaging/protocol';
import { type AdminDeps, unanswered } from './admin-deps';
import { refreshWhileVisible, type VisiblePage } from './refresh-while-visible';
import { secretOnce } from './secret-once';

export type InboundWebhooksDeps = Pick<AdminDeps, 'listInboundWebhooks' | 'createInboundWebhook' | 'rotateInboundWebhookSecret' | 'revokeInboundWebhook' | 'copy' | 'now'>;

export interface PendingWebhookConfirm {
  webhookId: string;
  action: 'rotate' | 'revoke';
}

const FIELD_NAMES: Record<string, string> = { name: 'The name', source: 'The source' };

/**
 * The helpdesk webhooks: each with the address to give the helpdesk (Copy),
 * when it last received a signed request and when one was last refused and
 * why; create one (its shared secret shown once), rotate its secret, revoke
 * it (both asked first: the helpdesk's requests are refused afterwards).
 */
export const InboundWebhooksModel = createModel((deps: InboundWebhooksDeps) => {
  const webhooks = signal<InboundWebhook[]>([]);
  const name = signal('');
  const source = signal('');
  /** The webhook whose address was copied last. */
  const copiedUrlOf = signal<string | null>(null);
  const confirming = signal<PendingWebhookConfirm | null>(null);
  const busy = signal(false);
  const error = signal<string | null>(null);
  const now = signal(deps.now());
  /** A webhook's shared secret just made. */
  const secret = secretOnce(deps.copy, (message) => (error.value = message));
  let changes = 0;

  function replace(webhook: InboundWebhook) {
    const list = webhooks.value;
    webhooks.value = list.some((w) => w.id === webhook.id) ? list.map((w) => (w.id === webhook.id ? webhook : w)) : [webhook, ...list];
  }

  function reveal(made: InboundWebhookWithSecret, how: 'created' | 'rotated') {
    const { secret: value, ...webhook } = made;
    batch(() => {
      replace(webhook);
      secret.show({ ownerId: made.id, name: made.name, secret: value, made: how });
    });
  }

  async function run<T>(work: () => Promise<Result<T>>, done: (value: T) => void): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    changes++;
    const result = await work().catch(() => unanswered<T>());
    // Again once answered: a refresh begun while the change was in flight may have read the rows before it.
    changes++;
    batch(() => {
      busy.value = false;
      now.value = deps.now();
      if (!result.ok) error.value = result.error.message;
      else {
        error.value = null;
        done(result.value);
      }
    });
  }

  async function refresh() {
    const before = changes;
    const result = await deps.listInboundWebhooks().catch(() => unanswered<InboundWebhook[]>());
    if (before !== changes) return;
    batch(() => {
      now.value = deps.now();
      if (result.ok) webhooks.value = result.value;
      else error.value = result.error.message;
    });
  }

  return {
    webhooks,
    name,
    source,
    revealed: secret.revealed,
    copied: secret.copied,
    copiedUrlOf,
    confirming,
    busy,
    error,
    now,

    load: refresh,
    refresh,

    follow(page: VisiblePage, everyMs?: number): () => void {
      return refreshWhileVisible(page, refresh, everyMs);
    },

    async create() {
      const input = v.safeParse(InboundWebhookCreate, { name: name.value.trim(), source: source.value.trim() });
      if (!input.success) {
        const issue = input.issues[0]!;
        error.value = `${FIELD_NAMES[String(issue.path?.[0]?.key)] ?? 'The webhook'} ${issue.message}.`;
        return;
      }
      await run(
        () => deps.createInboundWebhook(input.output),
        (made) => {
          reveal(made, 'created');
          batch(() => {
            name.value = '';
            source.value = '';
          });
        },
      );
    },

    ask(webhookId: string, action: PendingWebhookConfirm['action']) {
      confirming.value = { webhookId, action };
    },

    cancel() {
      confirming.value = null;
    },

    async confirm() {
      const pending = confirming.value;
      if (!pending) return;
      confirming.value = null;
      if (pending.action === 'rotate') {
        await run(() => deps.rotateInboundWebhookSecret(pending.webhookId), (made) => reveal(made, 'rotated'));
        return;
      }
      await run(
        () => deps.revokeInboundWebhook(pending.webhookId),
        () => {
          secret.forget(pending.webhookId);
        },
      );
      // The list as the backend now holds it, with the revocation's time.
      await refresh();
    },

    /** Copies the address the helpdesk posts to. */
    async copyUrl(webhookId: string) {
      const webhook = webhooks.value.find((w) => w.id === webhookId);
      if (!webhook) return;
      try {
        await deps.copy(webhook.url);
        copiedUrlOf.value = webhookId;
      } catch {
        error.value = 'The address could not be copied; select it and copy it by hand.';
      }
    },

    copySecret: () => secret.copy(),
    dismissSecret: () => secret.dismiss(),
  };
});
