import { detectSubjects, sameSubjects, type DetectedSubjects } from './detect';

export interface SubjectWatchOptions {
  window: Window;
  /** The path patterns that apply on this page (they can change in the options). */
  paths: () => readonly string[];
  /**
   * Subscribes to in-app navigations. Content scripts run in an isolated
   * world, so patching `history.pushState` here would never see the page's
   * own calls; the entrypoint wires WXT's `wxt:locationchange` (Navigation
   * API, or polling where it is missing) into this.
   */
  onNavigate: (listener: (url: URL) => void) => void;
  onChange: (subjects: DetectedSubjects) => void;
  /** Stops watching when aborted (the content script's context). */
  signal: AbortSignal;
}

/**
 * Follows the subject on screen without a reload: navigations (WXT's
 * location change, `popstate`, `hashchange`) and changes to the page's
 * `data-*` subject attributes (an app that re-renders after the URL moved).
 * @returns the subjects on screen now; later changes go to `onChange`.
 */
export function watchSubjects(options: SubjectWatchOptions): DetectedSubjects {
  const { window, signal } = options;
  const document = window.document;
  let current = detectSubjects(document, window.location, options.paths());
  let pending = false;

  const check = (url: URL | Location = window.location) => {
    const next = detectSubjects(document, url, options.paths());
    if (sameSubjects(current, next)) return;
    current = next;
    options.onChange(next);
  };
  // Mutations come in bursts while an app re-renders: read the page once per burst.
  const checkSoon = () => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      if (!signal.aborted) check();
    });
  };

  // The Navigation API reports a navigation before `location` changes, so
  // the event's URL is read rather than `location`.
  options.onNavigate((url) => check(url));
  window.addEventListener('popstate', () => check(), { signal });
  window.addEventListener('hashchange', () => check(), { signal });

  const observer = new MutationObserver(checkSoon);
  observer.observe(document.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-customer-id', 'data-conversation-id'],
  });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  return current;
}
