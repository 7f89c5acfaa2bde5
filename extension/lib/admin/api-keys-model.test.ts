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

    expect(createApiKey).toHaveBeenCalledWith({ name: 'Shopify sync', kind: 'workflow' });
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
});
