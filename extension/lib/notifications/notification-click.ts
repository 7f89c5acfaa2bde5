import * as v from 'valibot';
import { NotificationBody } from '../../../shared/api-client-responses';
import type { StoredSession } from '../session/session-items';
import { ShownData } from './desktop-surface';
import { notificationTarget } from './open-target';

export interface ClickDeps {
  currentSession(): Promise<StoredSession | null>;
  /** Marks it read on the backend (and the badge follows). */
  markRead(id: string): Promise<void>;
  /** Opens a tab; `panel`: with the audit panel open on the page. */
  openTab(url: string, panel: boolean): Promise<void>;
  /** Where the person sees every notification: the toolbar popup. */
  openInbox(): Promise<void>;
  extensionBaseUrl: string;
}

const Link = NotificationBody.entries.link;

/**
 * A click on a desktop notification: its subject in the workspace (with the
 * audit panel open), or the audit page filtered to what its watch watches;
 * it is read from then on. The summary of several opens the popup's list.
 */
export async function openClickedNotification(data: unknown, deps: ClickDeps): Promise<void> {
  const shown = v.safeParse(ShownData, data);
  if (!shown.success) return;
  if (shown.output.auditdesk === 'more') return deps.openInbox();
  const session = await deps.currentSession();
  const link = v.safeParse(Link, shown.output.link);
  if (!session || !link.success) return deps.openInbox();
  const target = notificationTarget(link.output, session.backendUrl, deps.extensionBaseUrl);
  await Promise.all([deps.openTab(target.url, target.panel), deps.markRead(shown.output.id).catch(() => undefined)]);
}
