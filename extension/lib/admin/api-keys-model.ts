import { batch, computed, createModel, signal } from '@preact/signals';
import * as v from 'valibot';
import type { ApiKey, ApiKeyWithSecret } from '../../../shared/api-client';
import type { ApiKeyKind } from '../../../shared/enums';
import { API_KEY_SCOPES, type ApiKeyScope, DEFAULT_API_KEY_SCOPES } from '../../../shared/permissions';
import { ApiKeyCreate, ApiKeyUpdate } from '../../../shared/schemas/api-keys';
import type { Result } from '../messaging/protocol';
import { type AdminDeps, unanswered } from './admin-deps';

export type ApiKeysDeps = Pick<AdminDeps, 'listApiKeys' | 'createApiKey' | 'updateApiKey' | 'rotateApiKey' | 'revokeApiKey' | 'copy'>;

/** A secret just made: shown until dismissed, never kept anywhere else. */
export interface RevealedSecret {
  keyId: string;
  name: string;
  secret: string;
  /** `rotated`: the key's previous secret already stopped working. */
  made: 'created' | 'rotated';
}

/** A rotate or revoke waiting for the admin to confirm it: both break whatever uses the key now. */
export interface PendingConfirm {
  keyId: string;
  action: 'rotate' | 'revoke';
}

/** A key whose scopes are being changed, with the scopes ticked so far. */
export interface ScopeEdit {
  keyId: string;
  scopes: ApiKeyScope[];
}

/** `scopes` with `scope` ticked or unticked, in the order the scopes are listed. */
function toggled(scopes: readonly ApiKeyScope[], scope: ApiKeyScope): ApiKeyScope[] {
  const ticked = scopes.includes(scope) ? scopes.filter((s) => s !== scope) : [...scopes, scope];
  return API_KEY_SCOPES.filter((s) => ticked.includes(s));
}

const NO_SCOPE = 'Choose at least one scope: a key without any could do nothing.';

/**
 * The workspace's API keys: create one with a name, kind and scopes (its
 * secret shown once, with Copy), change its scopes, rotate, revoke.
 * Rotating and revoking ask first.
 */
export const ApiKeysModel = createModel((deps: ApiKeysDeps) => {
  const keys = signal<ApiKey[]>([]);
  const name = signal('');
  const kind = signal<ApiKeyKind>('api');
  /** The new key's scopes: what automations could always do, until the admin changes them. */
  const scopes = signal<ApiKeyScope[]>([...DEFAULT_API_KEY_SCOPES]);
  const editing = signal<ScopeEdit | null>(null);
  const revealed = signal<RevealedSecret | null>(null);
  const confirming = signal<PendingConfirm | null>(null);
  const copied = signal(false);
  const busy = signal(false);
  const error = signal<string | null>(null);
  const activeCount = computed(() => keys.value.filter((key) => key.revokedAt === null).length);

  const reveal = (key: ApiKeyWithSecret, made: RevealedSecret['made']) => {
    const { secret, ...shown } = key;
    batch(() => {
      revealed.value = { keyId: key.id, name: key.name, secret, made };
      copied.value = false;
      keys.value = keys.value.some((k) => k.id === key.id) ? keys.value.map((k) => (k.id === key.id ? shown : k)) : [shown, ...keys.value];
    });
  };

  async function run<T>(work: () => Promise<Result<T>>, done: (value: T) => void) {
    if (busy.value) return;
    busy.value = true;
    const result = await work().catch(() => unanswered<T>());
    batch(() => {
      busy.value = false;
      if (!result.ok) {
        error.value = result.error.message;
        return;
      }
      error.value = null;
      done(result.value);
    });
  }

  return {
    keys,
    activeCount,
    name,
    kind,
    scopes,
    editing,
    revealed,
    confirming,
    copied,
    busy,
    error,

    async load() {
      await run(() => deps.listApiKeys(), (list) => (keys.value = list));
    },

    async create() {
      if (scopes.value.length === 0) {
        error.value = NO_SCOPE;
        return;
      }
      const input = v.safeParse(ApiKeyCreate, { name: name.value, kind: kind.value, scopes: scopes.value });
      if (!input.success) {
        error.value = `The key's name ${input.issues[0]?.message ?? 'is not valid'}.`;
        return;
      }
      await run(
        () => deps.createApiKey(input.output),
        (key) => {
          reveal(key, 'created');
          name.value = '';
          scopes.value = [...DEFAULT_API_KEY_SCOPES];
        },
      );
    },

    toggleScope(scope: ApiKeyScope) {
      scopes.value = toggled(scopes.value, scope);
    },

    /** Opens a key's scopes for change, ticked as the key holds them now. */
    editScopes(keyId: string) {
      const key = keys.value.find((k) => k.id === keyId);
      if (key) editing.value = { keyId, scopes: [...key.scopes] };
    },

    toggleEditedScope(scope: ApiKeyScope) {
      const edit = editing.value;
      if (edit) editing.value = { ...edit, scopes: toggled(edit.scopes, scope) };
    },

    cancelScopes() {
      editing.value = null;
    },

    /** Saves the ticked scopes; the key's next request is held to them. */
    async saveScopes() {
      const edit = editing.value;
      if (!edit) return;
      const input = v.safeParse(ApiKeyUpdate, { scopes: edit.scopes });
      if (!input.success) {
        error.value = NO_SCOPE;
        return;
      }
      await run(
        () => deps.updateApiKey(edit.keyId, input.output),
        (key) => {
          keys.value = keys.value.map((k) => (k.id === key.id ? key : k));
          editing.value = null;
        },
      );
    },

    ask(keyId: string, action: PendingConfirm['action']) {
      confirming.value = { keyId, action };
    },

    cancel() {
      confirming.value = null;
    },

    /** Carries out the rotate or revoke the admin confirmed. */
    async confirm() {
      const pending = confirming.value;
      if (!pending) return;
      confirming.value = null;
      if (pending.action === 'rotate') {
        await run(() => deps.rotateApiKey(pending.keyId), (key) => reveal(key, 'rotated'));
        return;
      }
      await run(
        () => deps.revokeApiKey(pending.keyId),
        () => {
          if (revealed.value?.keyId === pending.keyId) revealed.value = null;
        },
      );
      // The list as the backend now holds it, with the revocation's time.
      await run(() => deps.listApiKeys(), (list) => (keys.value = list));
    },

    async copySecret() {
      const shown = revealed.value;
      if (!shown) return;
      try {
        await deps.copy(shown.secret);
        copied.value = true;
      } catch {
        error.value = 'The secret could not be copied; select it and copy it by hand.';
      }
    },

    /** Hides the secret for good: the backend keeps only its hash. */
    dismissSecret() {
      batch(() => {
        revealed.value = null;
        copied.value = false;
      });
    },
  };
});
