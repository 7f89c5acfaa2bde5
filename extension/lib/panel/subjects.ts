import type { Subject, SubjectSummary } from '../messaging/protocol';
import type { DetectedSubjects } from '../subject/detect';

/** The panel's tabs, one per kind of subject. */
export type Tab = Subject['type'];


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
