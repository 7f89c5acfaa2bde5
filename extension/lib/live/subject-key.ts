import type { Subject } from '../messaging/protocol';

/** `customer:ID` or `conversation:ID`: one live stream per key. */
export type SubjectKey = `${Subject['type']}:${string}`;

/** The key a subject's live stream is shared under. */
export function subjectKey(subject: Subject): SubjectKey {
  return `${subject.type}:${subject.id}`;
}

/** The reverse of subjectKey; null for anything that is not one. */
export function parseSubjectKey(key: string): Subject | null {
  const [type, id] = key.split(':');
  return (type === 'customer' || type === 'conversation') && id ? { type, id } : null;
}
