import { ID_PATTERN } from '../../../shared/schemas/common';
import type { DetectedSubjects } from '../subject/detect';

/*
 * The subjects the page showed when the content script framed the panel,
 * carried in the frame's URL fragment so the panel's first request needs no
 * round trip. The page cannot change it: the frame sits in a closed shadow
 * root, out of the page's window.frames. Later changes come through the
 * background (tab-subjects.ts).
 */

export function subjectsFragment(subjects: DetectedSubjects): string {
  const params = new URLSearchParams();
  if (subjects.customerId) params.set('customer', subjects.customerId);
  if (subjects.conversationId) params.set('conversation', subjects.conversationId);
  return `#${params}`;
}

function validId(value: string | null): string | null {
  return value !== null && ID_PATTERN.test(value) ? value : null;
}

export function subjectsOfFragment(hash: string): DetectedSubjects {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return { customerId: validId(params.get('customer')), conversationId: validId(params.get('conversation')) };
}
