import { signal } from '@preact/signals';
import { subjectKey } from '../live/subject-key';
import type { Subject, SubjectSummary } from '../messaging/protocol';
import type { PanelDeps } from './deps';

/**
 * The names of the subjects on screen (getSubject), by subject key, each
 * asked for once; a failed one is asked again after `clear()`.
 */
export function createSummaries(deps: PanelDeps) {
  const byKey = signal<Record<string, SubjectSummary>>({});
  const pending = new Set<string>();

  async function load(subject: Subject): Promise<void> {
    const key = subjectKey(subject);
    if (byKey.peek()[key] || pending.has(key)) return;
    pending.add(key);
    try {
      const result = await deps.send('getSubject', subject);
      if (result.ok) byKey.value = { ...byKey.peek(), [key]: result.value };
    } catch {
      // The title falls back to "Customer"/"Conversation"; the history shows the failure.
    } finally {
      pending.delete(key);
    }
  }

  return {
    byKey,
    load,
    clear: () => {
      byKey.value = {};
    },
  };
}
