import type { AppNotification } from '../../../shared/api-client';
import { workspaceSubjectUrl } from '../subject/workspace-url';

/**
 * Where opening a notification leads: a subject's page in the built-in
 * workspace of the backend it came from, or the audit page (the options
 * page) filtered as the watch's link says.
 */
export function notificationTarget(link: AppNotification['link'], backendUrl: string, extensionBaseUrl: string): { url: string; panel: boolean } {
  if (link.kind === 'subject') {
    return { url: workspaceSubjectUrl(backendUrl, link), panel: true };
  }
  const base = extensionBaseUrl.endsWith('/') ? extensionBaseUrl : `${extensionBaseUrl}/`;
  return { url: `${base}options.html${link.filter ? `?${link.filter}` : ''}`, panel: false };
}
