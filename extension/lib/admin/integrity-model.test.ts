import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../messaging/protocol';
import type { Verification } from '../../../shared/api-client';
import { IntegrityModel } from './integrity-model';
import { checkpoint, fakeAdminDeps, integrityStatus, verification } from './testing';

const loaded = async (overrides: Parameters<typeof fakeAdminDeps>[0] = {}) => {
  const model = new IntegrityModel(fakeAdminDeps({ getIntegrity: async () => ({ ok: true, value: integrityStatus() }), ...overrides }));
  await model.load();
  return model;
};

describe('the Log integrity section', () => {
  it('shows a run that found the chain altered as the last verification, with where and why', async () => {
    const found = verification({ ok: false, trigger: 'demand', checked: 56, firstBadSequence: 57, reason: 'event 57 does not match its hash' });
    const verifyLog = vi.fn(async (): Promise<Result<Verification>> => ({ ok: true, value: found }));
    const model = await loaded({ verifyLog });

    await model.verify();

    expect(verifyLog).toHaveBeenCalledWith(false);
    expect(model.status.value?.lastVerification).toEqual(found);
    expect(model.error.value).toBeNull();
    expect(model.busy.value).toBeNull();
  });

  it('is busy while a verification runs, and a second press starts no other', async () => {
    let finish!: (result: Result<Verification>) => void;
    const verifyLog = vi.fn(() => new Promise<Result<Verification>>((resolve) => (finish = resolve)));
    const model = await loaded({ verifyLog });
    model.full.value = true;

    const running = model.verify();
    void model.verify();
    void model.sign();
    expect(model.busy.value).toBe('verify');

    finish({ ok: true, value: verification({ trigger: 'demand' }) });
    await running;
    expect(verifyLog).toHaveBeenCalledOnce();
    expect(verifyLog).toHaveBeenCalledWith(true);
    expect(model.busy.value).toBeNull();
  });

  it("shows the backend's refusal in its words and keeps the last verification it had", async () => {
    const model = await loaded({ verifyLog: async () => ({ ok: false, error: { code: 'forbidden', message: 'Only admins may verify the log.' } }) });
    await model.verify();
    expect(model.error.value).toBe('Only admins may verify the log.');
    expect(model.status.value?.lastVerification).toEqual(verification());
  });

  it('signs a checkpoint now, which becomes the latest shown', async () => {
    const signed = checkpoint({ id: '01JD00000000000000000000P2', seq: 45, reason: 'demand' });
    const model = await loaded({ signCheckpoint: async () => ({ ok: true, value: signed }) });
    await model.sign();
    expect(model.status.value?.latestCheckpoint).toEqual(signed);
  });

  it('says why nothing was signed in an empty log', async () => {
    const model = await loaded({
      getIntegrity: async () => ({ ok: true, value: integrityStatus({ head: null, latestCheckpoint: null, lastVerification: null }) }),
      signCheckpoint: async () => ({ ok: false, error: { code: 'empty_log', message: 'The log has no event to sign yet.' } }),
    });
    await model.sign();
    expect(model.error.value).toBe('The log has no event to sign yet.');
    expect(model.status.value?.latestCheckpoint).toBeNull();
  });

  it('saves the file of the checkpoint shown, as the backend served it', async () => {
    const downloadCheckpoint = vi.fn(async () => ({
      ok: true as const,
      value: { name: 'auditdesk-checkpoint-o1-42.json', text: '{"payload":"…"}', file: { payload: '…', signature: 's', keyId: 'k', algorithm: 'Ed25519' as const, publicKey: 'PEM' } },
    }));
    const saveFile = vi.fn();
    const model = await loaded({ downloadCheckpoint, saveFile });

    await model.download();

    expect(downloadCheckpoint).toHaveBeenCalledWith(checkpoint().id);
    expect(saveFile).toHaveBeenCalledWith('{"payload":"…"}', 'auditdesk-checkpoint-o1-42.json');
    expect(model.saved.value).toBe('auditdesk-checkpoint-o1-42.json');
  });

  it('says the extension did not answer when its message is lost, and can be pressed again', async () => {
    const model = await loaded({ verifyLog: () => Promise.reject(new Error('Extension context invalidated.')) });
    await model.verify();
    expect(model.error.value).toMatch(/did not answer/);
    expect(model.busy.value).toBeNull();
  });
});
