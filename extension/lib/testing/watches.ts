import type { Watch } from '../../../shared/api-client-responses';
import type { WatchCreateRequest } from '../watches/watch-request';

/** The watch the backend answers for a subject watch of `subject`, named after the subject's `label`. */
export function subjectWatch(subject: NonNullable<WatchCreateRequest['subject']>, label: string): Watch {
  return {
    id: '01JD00000000000000000000W1',
    name: `Conversation “${label}”${subject.property ? ` — ${subject.property}` : ''}`,
    kind: 'subject',
    subject: { type: subject.type, id: subject.id, label, property: subject.property ?? null, ...('value' in subject ? { value: subject.value } : {}) },
    filter: null,
    threshold: null,
    includeOwn: false,
    paused: false,
    narrowed: false,
    lastNotifiedAt: null,
    createdAt: '2026-12-03T05:00:00.000Z',
    updatedAt: '2026-12-03T05:00:00.000Z',
  };
}
