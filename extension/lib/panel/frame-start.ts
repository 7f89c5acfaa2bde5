import { ID_PATTERN } from '../../../shared/schemas/common';
import type { DetectedSubjects } from '../subject/detect';
import { PAGE_ID_PATTERN } from './subject-report';

/*
 * What the panel starts from, carried in its frame's URL fragment so its
 * first requests wait for nothing: the subjects the page showed when the
 * content script framed it, the page's id (subject-report.ts), and whether
 * the agent left the panel open. The
 * page cannot change it: the frame sits in a closed shadow root, out of the
 * page's window.frames. Later subject changes come through the background
 * (tab-subjects.ts).
 */

export interface FrameStart {
  subjects: DetectedSubjects;
  /** Null when the fragment carries none that is valid: no report is then taken. */
  page: string | null;
  open: boolean;
}

export function frameStartFragment({ subjects, page, open }: FrameStart): string {
  const params = new URLSearchParams();
  if (page) params.set('page', page);
  if (subjects.customerId) params.set('customer', subjects.customerId);
  if (subjects.conversationId) params.set('conversation', subjects.conversationId);
  if (open) params.set('open', '1');
  return `#${params}`;
}

function validId(value: string | null): string | null {
  return value !== null && ID_PATTERN.test(value) ? value : null;
}

export function frameStartOf(hash: string): FrameStart {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return {
    subjects: { customerId: validId(params.get('customer')), conversationId: validId(params.get('conversation')) },
    page: PAGE_ID_PATTERN.test(params.get('page') ?? '') ? params.get('page') : null,
    open: params.get('open') === '1',
  };
}
