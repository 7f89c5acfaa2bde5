import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DetectedSubjects } from './detect';
import { DEFAULT_SUBJECT_PATHS } from './path-patterns';
import { watchSubjects } from './watch';

const CUSTOMER = '01JD0000000000000000000C01';
const OTHER_CUSTOMER = '01JD0000000000000000000C02';
const CONVERSATION = '01JD0000000000000000000V01';

function startWatching() {
  const navigate: Array<(url: URL) => void> = [];
  const changes: DetectedSubjects[] = [];
  const controller = new AbortController();
  const initial = watchSubjects({
    window,
    paths: () => DEFAULT_SUBJECT_PATHS,
    onNavigate: (listener) => navigate.push(listener),
    onChange: (subjects) => changes.push(subjects),
    signal: controller.signal,
  });
  const fireLocationChange = () => navigate.forEach((listener) => listener(new URL(location.href)));
  return { initial, changes, fireLocationChange, stop: () => controller.abort() };
}

describe('watchSubjects', () => {
  let stop = () => {};
  beforeEach(() => {
    document.body.innerHTML = '';
    history.replaceState(null, '', '/');
  });
  afterEach(() => stop());

  it('follows an in-app navigation made with pushState', () => {
    history.replaceState(null, '', `/workspace/customers/${CUSTOMER}`);
    const watch = startWatching();
    stop = watch.stop;
    expect(watch.initial.customerId).toBe(CUSTOMER);

    history.pushState(null, '', `/workspace/conversations/${CONVERSATION}`);
    watch.fireLocationChange();

    expect(watch.changes).toEqual([{ customerId: null, conversationId: CONVERSATION }]);
  });

  it('follows the back button (popstate)', () => {
    history.replaceState(null, '', `/workspace/customers/${CUSTOMER}`);
    const watch = startWatching();
    stop = watch.stop;

    history.replaceState(null, '', `/workspace/customers/${OTHER_CUSTOMER}`);
    window.dispatchEvent(new PopStateEvent('popstate'));

    expect(watch.changes).toEqual([{ customerId: OTHER_CUSTOMER, conversationId: null }]);
  });

  it('notices when the page re-renders with other data-* subject attributes', async () => {
    document.body.innerHTML = `<main data-customer-id="${CUSTOMER}"></main>`;
    const watch = startWatching();
    stop = watch.stop;

    document.querySelector('main')?.setAttribute('data-customer-id', OTHER_CUSTOMER);
    await vi.waitFor(() => expect(watch.changes).toEqual([{ customerId: OTHER_CUSTOMER, conversationId: null }]));
  });

  it('stays quiet when a navigation keeps the same subject', () => {
    history.replaceState(null, '', `/workspace/customers/${CUSTOMER}`);
    const watch = startWatching();
    stop = watch.stop;

    history.pushState(null, '', `/workspace/customers/${CUSTOMER}/notes`);
    watch.fireLocationChange();

    expect(watch.changes).toEqual([]);
  });
});
