import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { panelOpen } from './open-state';

describe('whether the panel was left open', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is closed on a first visit, and remembered once the agent opens or closes the panel', async () => {
    expect(await panelOpen.getValue()).toBe(false);
    await panelOpen.setValue(true);
    expect(await panelOpen.getValue()).toBe(true);
    await panelOpen.setValue(false);
    expect(await panelOpen.getValue()).toBe(false);
  });
});
