import { describe, expect, it, vi } from 'vitest';
import { createNotificationPrompt, shouldAskForNotifications, type NotificationPermissionDeps } from './notification-permission';

function browserWith(state: { granted: boolean; asked: boolean }, answer: () => Promise<boolean> = async () => true) {
  const stored = { asked: state.asked };
  const deps: NotificationPermissionDeps = {
    isGranted: async () => state.granted,
    request: vi.fn(answer),
    wasAsked: async () => stored.asked,
    markAsked: async () => void (stored.asked = true),
  };
  return { deps, stored };
}

describe('shouldAskForNotifications', () => {
  it('asks on the first watch when notifications are not granted', () => {
    expect(shouldAskForNotifications({ granted: false, asked: false })).toBe(true);
  });

  it('does not ask when notifications are already granted', () => {
    expect(shouldAskForNotifications({ granted: true, asked: false })).toBe(false);
  });

  it('does not ask again once the person was asked (and said no)', () => {
    expect(shouldAskForNotifications({ granted: false, asked: true })).toBe(false);
  });
});

describe('createNotificationPrompt', () => {
  it('asks within the click, before anything is awaited, and remembers that it asked', async () => {
    const { deps, stored } = browserWith({ granted: false, asked: false });
    const prompt = createNotificationPrompt(deps);
    await prompt.prepare();

    expect(prompt.askOnWatch()).toBe(true);
    expect(deps.request).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(stored.asked).toBe(true));
  });

  it('asks only once however many watches follow, granted or refused', async () => {
    const { deps } = browserWith({ granted: false, asked: false }, async () => false);
    const prompt = createNotificationPrompt(deps);
    await prompt.prepare();

    prompt.askOnWatch();
    expect(prompt.askOnWatch()).toBe(false);
    await Promise.resolve();
    expect(prompt.askOnWatch()).toBe(false);
    expect(deps.request).toHaveBeenCalledTimes(1);
  });

  it('does not ask when the permission is granted already', async () => {
    const { deps } = browserWith({ granted: true, asked: false });
    const prompt = createNotificationPrompt(deps);
    await prompt.prepare();
    expect(prompt.askOnWatch()).toBe(false);
    expect(deps.request).not.toHaveBeenCalled();
  });

  it('does not ask a browser that asked before', async () => {
    const { deps } = browserWith({ granted: false, asked: true });
    const prompt = createNotificationPrompt(deps);
    await prompt.prepare();
    expect(prompt.askOnWatch()).toBe(false);
  });

  it('asks at the next watch when the browser refused to show the prompt', async () => {
    const { deps, stored } = browserWith({ granted: false, asked: false }, async () => {
      throw new Error('This function must be called during a user gesture');
    });
    const prompt = createNotificationPrompt(deps);
    await prompt.prepare();

    expect(prompt.askOnWatch()).toBe(true);
    await vi.waitFor(() => expect(prompt.askOnWatch()).toBe(true));
    expect(stored.asked).toBe(false);
  });

  it('does not ask before it knows the permission (a click before the page is ready)', () => {
    const { deps } = browserWith({ granted: false, asked: false });
    expect(createNotificationPrompt(deps).askOnWatch()).toBe(false);
    expect(deps.request).not.toHaveBeenCalled();
  });
});
