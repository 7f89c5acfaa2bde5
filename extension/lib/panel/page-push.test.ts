import { signal } from '@preact/signals';
import { afterEach, describe, expect, it } from 'vitest';
import { pushPageWhileOpen, type PushTarget } from './page-push';

/** A window whose width the test sets: matchMedia answers the one min-width query the push asks. */
function fakeWindow(width: number) {
  const listeners = new Set<() => void>();
  const query = {
    width,
    get matches() {
      return this.width >= 1000;
    },
    addEventListener: (_: string, listener: () => void) => void listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => void listeners.delete(listener),
  };
  const target: PushTarget = { document, matchMedia: () => query as unknown as MediaQueryList };
  return {
    target,
    listeners,
    resize(next: number) {
      query.width = next;
      listeners.forEach((listener) => listener());
    },
  };
}

const margin = () => document.documentElement.style.getPropertyValue('margin-right');
const cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.splice(0).forEach((cleanup) => cleanup());
  document.documentElement.removeAttribute('style');
});

describe('pushPageWhileOpen', () => {
  it('makes room for the open panel beside a wide page, and gives it back when the panel closes', () => {
    const open = signal(false);
    cleanups.push(pushPageWhileOpen(fakeWindow(1280).target, open));
    expect(margin()).toBe('');

    open.value = true;
    expect(margin()).toBe('420px');
    open.value = false;
    expect(margin()).toBe('');
  });

  it('leaves a narrow page as it is (the panel lies over it), and follows the window as it is resized', () => {
    const open = signal(true);
    const win = fakeWindow(800);
    cleanups.push(pushPageWhileOpen(win.target, open));
    expect(margin()).toBe('');

    win.resize(1200);
    expect(margin()).toBe('420px');
    win.resize(900);
    expect(margin()).toBe('');
  });

  it('puts back the page’s own inline margin, and stops when the content script goes away', () => {
    document.documentElement.style.setProperty('margin-right', '12px', 'important');
    const open = signal(true);
    const win = fakeWindow(1280);
    const stop = pushPageWhileOpen(win.target, open);
    expect(margin()).toBe('420px');

    stop();
    expect(margin()).toBe('12px');
    expect(document.documentElement.style.getPropertyPriority('margin-right')).toBe('important');
    expect(win.listeners.size).toBe(0);
    open.value = false;
    open.value = true;
    expect(margin()).toBe('12px');
  });
});
