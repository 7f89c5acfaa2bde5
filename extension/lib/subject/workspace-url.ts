/** A customer's or conversation's page in the built-in workspace of the backend at `backendUrl`. */
export function workspaceSubjectUrl(backendUrl: string, subject: { type: 'customer' | 'conversation'; id: string }): string {
  return `${backendUrl.replace(/\/+$/, '')}/workspace/${subject.type}s/${encodeURIComponent(subject.id)}`;
}
