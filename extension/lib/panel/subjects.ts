import type { Subject, SubjectSummary } from '../messaging/protocol';
import type { DetectedSubjects } from '../subject/detect';

/** The panel's tabs, one per kind of subject. */
export type Tab = Subject['type'];

// `conversation:01J…`: a subject as a string, so computed values compare by value (the live stream's key too).
export { subjectKey } from '../live/subject-key';

/** The reverse of subjectKey. */
export function parseSubjectKey(key: string): Subject | null {
  const [type, id] = key.split(':');
  return (type === 'customer' || type === 'conversation') && id ? { type, id } : null;
}

/**
 * The tabs a page offers: the conversation on screen, and its customer —
 * from the page, or learnt from the conversation's summary.
 */
export function availableTabs(detected: DetectedSubjects, conversation: SubjectSummary | undefined): Array<{ tab: Tab; id: string }> {
  const tabs: Array<{ tab: Tab; id: string }> = [];
  if (detected.conversationId) tabs.push({ tab: 'conversation', id: detected.conversationId });
  const customerId = detected.customerId ?? conversation?.customerId ?? null;
  if (customerId) tabs.push({ tab: 'customer', id: customerId });
  return tabs;
}
