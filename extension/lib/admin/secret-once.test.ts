import { describe, expect, it } from 'vitest';
import { secretOnce } from './secret-once';

const SHOWN = { ownerId: 'o1', name: 'SIEM', secret: 'whsec_1', made: 'created' as const };

describe('a secret shown once', () => {
  it('copies the secret shown and says so until the next one is shown, and forgets it when dismissed', async () => {
    const copied: string[] = [];
    const secret = secretOnce(async (text) => void copied.push(text), () => undefined);
    secret.show(SHOWN);
    await secret.copy();
    expect(copied).toEqual(['whsec_1']);
    expect(secret.copied.value).toBe(true);

    secret.show({ ...SHOWN, secret: 'whsec_2', made: 'rotated' });
    expect(secret.copied.value).toBe(false);

    secret.dismiss();
    expect(secret.revealed.value).toBeNull();
    await secret.copy();
    expect(copied).toEqual(['whsec_1']);
  });

  it('says to copy it by hand when the clipboard refuses, and forgets only the secret of the owner named', async () => {
    const failures: string[] = [];
    const secret = secretOnce(async () => Promise.reject(new Error('denied')), (message) => failures.push(message));
    secret.show(SHOWN);
    await secret.copy();
    expect(failures).toEqual(['The secret could not be copied; select it and copy it by hand.']);
    expect(secret.copied.value).toBe(false);

    secret.forget('someone else');
    expect(secret.revealed.value).toEqual(SHOWN);
    secret.forget('o1');
    expect(secret.revealed.value).toBeNull();
  });
});
