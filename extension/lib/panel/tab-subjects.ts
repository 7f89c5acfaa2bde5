import { storage } from 'wxt/utils/storage';
import type { SubjectReport } from './subject-report';

/*
 * The subjects each tab's workspace page shows, as its content script told
 * the background: the panel's page follows its own tab's here. storage.session
 * is out of reach of web pages and content scripts (only the background
 * writes it, after checking the sender), and outlives the service worker.
 */

function keyOf(tabId: number): `session:${string}` {
  return `session:panelSubjects:${tabId}`;
}

export const tabSubjects = {
  set(tabId: number, report: SubjectReport): Promise<void> {
    return storage.setItem(keyOf(tabId), report);
  },
  /** Forgets a closed tab's. */
  remove(tabId: number): Promise<void> {
    return storage.removeItem(keyOf(tabId));
  },
  /** @returns a function that stops watching. */
  watch(tabId: number, listener: (report: SubjectReport | null) => void): () => void {
    return storage.watch<SubjectReport>(keyOf(tabId), listener);
  },
};
