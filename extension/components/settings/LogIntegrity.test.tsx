import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../lib/messaging/protocol';
import type { Verification } from '../../../shared/api-client';
import { IntegrityModel } from '../../lib/admin/integrity-model';
import { fakeAdminDeps, integrityStatus, verification } from '../../lib/admin/testing';
import { LogIntegrity } from './LogIntegrity';

afterEach(cleanup);

async function shown(overrides: Parameters<typeof fakeAdminDeps>[0] = {}) {
  const model = new IntegrityModel(fakeAdminDeps({ getIntegrity: async () => ({ ok: true, value: integrityStatus() }), ...overrides }));
  await model.load();
  render(<LogIntegrity model={model} backendUrl="http://127.0.0.1:8787/" />);
  return model;
}

describe('the Log integrity section', () => {
  it('shows the last verification, the latest checkpoint, the key with its public address and how to verify offline', async () => {
    await shown();

    expect(screen.getByTestId('integrity-verification-when').textContent).toBe('2026-12-03 11:30 UTC, in the background');
    expect(screen.getByTestId('integrity-verification-result').textContent).toBe(
      'Verified 42 events (sequence 1 to 42): nothing was changed, removed or inserted.',
    );
    expect(screen.getByTestId('integrity-checkpoint-seq').textContent).toBe('42 (3 events since)');
    expect(screen.getByText('3f2a3f2a…3f2a3f2a').getAttribute('title')).toBe('3f2a'.repeat(16));
    expect(screen.getByTestId('integrity-key-id').textContent).toBe('0123456789abcdef');
    expect(screen.getByTestId('integrity-key-link').getAttribute('href')).toBe('http://127.0.0.1:8787/.well-known/auditdesk-signing-key');
    expect(screen.getByTestId('integrity-offline').textContent).toContain('npm run verify -- --db');
  });

  it('says Verifying… and disables every action while a verification runs, then shows its result', async () => {
    let finish!: (result: Result<Verification>) => void;
    await shown({ verifyLog: () => new Promise((resolve) => (finish = resolve)) });

    fireEvent.click(screen.getByRole('button', { name: 'Verify now' }));

    const button = await screen.findByRole('button', { name: 'Verifying…' });
    expect(button.hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('button', { name: 'Sign a checkpoint now' }).hasAttribute('disabled')).toBe(true);
    finish({ ok: true, value: verification({ ok: false, trigger: 'demand', firstBadSequence: 7, reason: 'event 7 is missing' }) });
    expect((await screen.findByText(/does not verify/)).textContent).toBe('The log does not verify from event 7 on: event 7 is missing.');
    expect(screen.getByRole('button', { name: 'Verify now' }).hasAttribute('disabled')).toBe(false);
  });

  it("shows a refusal in the backend's words as an alert", async () => {
    await shown({ signCheckpoint: async () => ({ ok: false, error: { code: 'empty_log', message: 'The log has no event to sign yet.' } }) });
    fireEvent.click(screen.getByRole('button', { name: 'Sign a checkpoint now' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The log has no event to sign yet.');
  });

  it('offers no Download before the first checkpoint, and says so', async () => {
    await shown({ getIntegrity: async () => ({ ok: true, value: integrityStatus({ latestCheckpoint: null, lastVerification: null }) }) });
    expect(screen.queryByRole('button', { name: 'Download' })).toBeNull();
    expect(screen.getByText('No checkpoint has been signed yet.')).toBeTruthy();
    expect(screen.getByText('The chain has not been verified yet.')).toBeTruthy();
  });
});
