import { ID_PATTERN } from '../../../shared/schemas/common';
import type { DetectedSubjects } from '../subject/detect';

/*
 * What the panel starts from, carried in its frame's URL fragment so its
 * first requests wait for nothing: the subjects the page showed when the
 * content script framed it, and whether the agent left the panel open. The
 * page cannot change it: the frame sits in a closed shadow root, out of the
 * page's window.frames. Later subject changes come through the background
 * (tab-subjects.ts).
 */

export interface FrameStart {
  subjects: DetectedSubjects;
  open: boolean;
}

export function frameStartFragment({ subjects, open }: FrameStart): string {
  const params = new URLSearchParams();
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
    open: params.get('open') === '1',
  };
}
