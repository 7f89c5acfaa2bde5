import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiKeysModel } from '../../lib/admin/api-keys-model';
import { apiKey, fakeAdminDeps } from '../../lib/admin/testing';
import { ApiKeysSettings } from './ApiKeysSettings';

afterEach(cleanup);

const KEY = apiKey({ scopes: ['entities:read', 'audit:read'] });

async function shown(overrides: Parameters<typeof fakeAdminDeps>[0] = {}) {
  const model = new ApiKeysModel(fakeAdminDeps({ listApiKeys: async () => ({ ok: true, value: [KEY] }), ...overrides }));
  await model.load();
  render(<ApiKeysSettings model={model} />);
  return model;
}

const ticked = (picker: HTMLElement) =>
  within(picker)
    .getAllByRole('checkbox')
    .filter((box) => (box as HTMLInputElement).checked)
    .map((box) => (box as HTMLInputElement).value);

describe('the API keys section', () => {
  it('offers every scope for a new key, the defaults ticked, and shows the scopes each key holds', async () => {
    await shown();
    const picker = screen.getByTestId('key-new-scopes');
    expect(within(picker).getAllByRole('checkbox')).toHaveLength(5);
    expect(ticked(picker)).toEqual(['entities:read', 'entities:write', 'audit:read', 'routing:write']);
    expect(screen.getByTestId('key-scopes').textContent).toBe('entities:readaudit:read');
  });

  it('changes a key’s scopes from its row: ticked as it holds them, saved as ticked', async () => {
    const updateApiKey = vi.fn(async () => ({ ok: true as const, value: { ...KEY, scopes: ['entities:read' as const, 'audit:read' as const, 'events:ingest' as const] } }));
    await shown({ updateApiKey });

    fireEvent.click(screen.getByRole('button', { name: `Change the scopes of ${KEY.name}` }));
    const picker = screen.getByTestId(`key-edit-${KEY.id}-scopes`);
    expect(ticked(picker)).toEqual(['entities:read', 'audit:read']);
    fireEvent.click(within(picker).getByRole('checkbox', { name: /events:ingest/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save scopes' }));

    await vi.waitFor(() => expect(screen.getByTestId('key-scopes').textContent).toBe('entities:readaudit:readevents:ingest'));
    expect(updateApiKey).toHaveBeenCalledWith(KEY.id, { scopes: ['entities:read', 'audit:read', 'events:ingest'] });
  });
});
