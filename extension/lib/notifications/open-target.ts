import type { AppNotification } from '../../../shared/api-client';

/**
 * Where opening a notification leads: a subject's page in the built-in
 * workspace of the backend it came from, or the audit page (the options
 * page) filtered as the watch's link says.
 */
export function notificationTarget(link: AppNotification['link'], backendUrl: string, extensionBaseUrl: string): { url: string; panel: boolean } {
  if (link.kind === 'subject') {
    return { url: `${backendUrl.replace(/\/+$/, '')}/workspace/${link.type}s/${encodeURIComponent(link.id)}`, panel: true };
  }
  const base = extensionBaseUrl.endsWith('/') ? extensionBaseUrl : `${extensionBaseUrl}/`;
  return { url: `${base}options.html${link.filter ? `?${link.filter}` : ''}`, panel: false };
}
