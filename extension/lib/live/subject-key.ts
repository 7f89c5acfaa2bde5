import type { Subject } from '../messaging/protocol';

/** `customer:ID` or `conversation:ID`: one live stream per key. */
export type SubjectKey = `${Subject['type']}:${string}`;

/** The key a subject's live stream is shared under. */
export function subjectKey(subject: Subject): SubjectKey {
  return `${subject.type}:${subject.id}`;
}
