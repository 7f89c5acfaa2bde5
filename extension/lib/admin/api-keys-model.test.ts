import { describe, expect, it, vi } from 'vitest';
import { ApiKeysModel } from './api-keys-model';
import { apiKey, fakeAdminDeps } from './testing';

const KEY = apiKey();

describe('the API keys', () => {
  it("creates a key with its name and kind, shows its secret once and lists it without the secret", async () => {
    const createApiKey = vi.fn(async () => ({ ok: true as const, value: { ...KEY, kind: 'workflow' as const, secret: 'adk_secret_value' } }));
    const model = new ApiKeysModel(fakeAdminDeps({ listApiKeys: async () => ({ ok: true, value: [] }), createApiKey }));
    await model.load();
    model.name.value = '  Shopify sync ';
    model.kind.value = 'workflow';

    await model.create();

    expect(createApiKey).toHaveBeenCalledWith({ name: 'Shopify sync', kind: 'workflow', scopes: ['entities:read', 'entities:write', 'audit:read', 'routing:write'] });
    expect(model.revealed.value).toEqual({ keyId: KEY.id, name: KEY.name, secret: 'adk_secret_value', made: 'created' });
    expect(model.keys.value).toEqual([{ ...KEY, kind: 'workflow' }]);
    expect(JSON.stringify(model.keys.value)).not.toContain('adk_secret_value');
    expect(model.name.value).toBe('');

    model.dismissSecret();
    expect(model.revealed.value).toBeNull();
  });

  it('refuses a key without a name before asking the backend', async () => {
    const model = new ApiKeysModel(fakeAdminDeps());
    model.name.value = '   ';
    await model.create();
    expect(model.error.value).toBe("The key's name must not be empty.");
  });

  it('copies the secret shown and says so', async () => {
    const copy = vi.fn(async () => undefined);
    const model = new ApiKeysModel(fakeAdminDeps({ copy, createApiKey: async () => ({ ok: true, value: { ...KEY, secret: 's3cret' } }) }));
    model.name.value = 'Sync';
    await model.create();
    await model.copySecret();
    expect(copy).toHaveBeenCalledWith('s3cret');
    expect(model.copied.value).toBe(true);
  });

  it('rotates only once confirmed, and shows the new secret', async () => {
    const rotateApiKey = vi.fn(async () => ({ ok: true as const, value: { ...KEY, prefix: 'adk_new123', secret: 'new-secret' } }));
    const model = new ApiKeysModel(fakeAdminDeps({ listApiKeys: async () => ({ ok: true, value: [KEY] }), rotateApiKey }));
    await model.load();

    model.ask(KEY.id, 'rotate');
    expect(rotateApiKey).not.toHaveBeenCalled();
    await model.confirm();

    expect(rotateApiKey).toHaveBeenCalledWith(KEY.id);
    expect(model.revealed.value).toMatchObject({ secret: 'new-secret', made: 'rotated' });
    expect(model.keys.value[0]?.prefix).toBe('adk_new123');
  });

  it('does not revoke when the admin cancels', async () => {
    const revokeApiKey = vi.fn();
    const model = new ApiKeysModel(fakeAdminDeps({ revokeApiKey }));
    model.ask(KEY.id, 'revoke');
    model.cancel();
    await model.confirm();
    expect(revokeApiKey).not.toHaveBeenCalled();
  });

  it('shows the key revoked, as the backend lists it, once revoked', async () => {
    const revoked = { ...KEY, revokedAt: '2026-12-03T12:00:00.000Z' };
    const listApiKeys = vi.fn().mockResolvedValueOnce({ ok: true, value: [KEY] }).mockResolvedValueOnce({ ok: true, value: [revoked] });
    const model = new ApiKeysModel(fakeAdminDeps({ listApiKeys, revokeApiKey: async () => ({ ok: true, value: null }) }));
    await model.load();
    model.ask(KEY.id, 'revoke');
    await model.confirm();
    expect(model.keys.value).toEqual([revoked]);
    expect(model.activeCount.value).toBe(0);
  });

  it('creates a key with the scopes ticked, sent in the order they are listed, and ticks the defaults again for the next key', async () => {
    const createApiKey = vi.fn(async () => ({ ok: true as const, value: { ...KEY, scopes: ['audit:read' as const, 'events:ingest' as const], secret: 's' } }));
    const model = new ApiKeysModel(fakeAdminDeps({ createApiKey }));
    model.name.value = 'Helpdesk import';
    for (const scope of ['events:ingest', 'entities:read', 'entities:write', 'routing:write'] as const) model.toggleScope(scope);

    await model.create();

    expect(createApiKey).toHaveBeenCalledWith({ name: 'Helpdesk import', kind: 'api', scopes: ['audit:read', 'events:ingest'] });
    expect(model.keys.value[0]?.scopes).toEqual(['audit:read', 'events:ingest']);
    expect(model.scopes.value).toEqual(['entities:read', 'entities:write', 'audit:read', 'routing:write']);
  });

  it('refuses a key with no scope ticked before asking the backend', async () => {
    const model = new ApiKeysModel(fakeAdminDeps());
    model.name.value = 'Sync';
    for (const scope of [...model.scopes.value]) model.toggleScope(scope);
    await model.create();
    expect(model.error.value).toBe('Choose at least one scope: a key without any could do nothing.');
  });

  it('changes a key’s scopes, starting from those it holds, and lists the key as the backend answers', async () => {
    const changed = { ...KEY, scopes: ['entities:read' as const, 'events:ingest' as const] };
    const updateApiKey = vi.fn(async () => ({ ok: true as const, value: changed }));
    const model = new ApiKeysModel(fakeAdminDeps({ listApiKeys: async () => ({ ok: true, value: [KEY] }), updateApiKey }));
    await model.load();

    model.editScopes(KEY.id);
    expect(model.editing.value).toEqual({ keyId: KEY.id, scopes: KEY.scopes });
    for (const scope of ['entities:write', 'audit:read', 'routing:write', 'events:ingest'] as const) model.toggleEditedScope(scope);
    await model.saveScopes();

    expect(updateApiKey).toHaveBeenCalledWith(KEY.id, { scopes: ['entities:read', 'events:ingest'] });
    expect(model.keys.value).toEqual([changed]);
    expect(model.editing.value).toBeNull();
  });

  it('keeps the scopes open with the backend’s reason when saving fails, and sends nothing when cancelled', async () => {
    const updateApiKey = vi.fn(async () => ({ ok: false as const, error: { code: 'conflict', message: 'This key is revoked; create a new one.' } }));
    const model = new ApiKeysModel(fakeAdminDeps({ listApiKeys: async () => ({ ok: true, value: [KEY] }), updateApiKey }));
    await model.load();
    model.editScopes(KEY.id);
    await model.saveScopes();
    expect(model.error.value).toBe('This key is revoked; create a new one.');
    expect(model.editing.value).toMatchObject({ keyId: KEY.id });
    expect(model.keys.value).toEqual([KEY]);

    model.cancelScopes();
    await model.saveScopes();
    expect(updateApiKey).toHaveBeenCalledTimes(1);
  });

  it('will not save a key with every scope unticked', async () => {
    const updateApiKey = vi.fn();
    const model = new ApiKeysModel(fakeAdminDeps({ listApiKeys: async () => ({ ok: true, value: [KEY] }), updateApiKey }));
    await model.load();
    model.editScopes(KEY.id);
    for (const scope of KEY.scopes) model.toggleEditedScope(scope);
    await model.saveScopes();
    expect(updateApiKey).not.toHaveBeenCalled();
    expect(model.error.value).toBe('Choose at least one scope: a key without any could do nothing.');
  });
});
