import { signal } from '@preact/signals';

/** The options page's two sections: the audit log (the default) and the settings (`#settings`). */
export type PageSection = 'log' | 'settings';

/** The section a location's hash names. */
export function sectionOf(hash: string): PageSection {
  return hash === '#settings' ? 'settings' : 'log';
}

/**
 * Which section the page shows, following its hash (links, back and
 * forward). `go` keeps the query string, where the log's filter lives.
 */
export function createPageSection(win: Pick<Window, 'location' | 'history' | 'addEventListener'>) {
  const section = signal<PageSection>(sectionOf(win.location.hash));
  win.addEventListener('hashchange', () => (section.value = sectionOf(win.location.hash)));
  win.addEventListener('popstate', () => (section.value = sectionOf(win.location.hash)));

  function go(next: PageSection): void {
    if (section.peek() === next) return;
    win.history.pushState(null, '', `${win.location.pathname}${win.location.search}${next === 'settings' ? '#settings' : ''}`);
    section.value = next;
  }

  return { section, go };
}
