/*
 * The one message between the panel's page and the content script that
 * frames it: whether the panel is open, so the frame takes the right edge
 * of the window or only the toggle's corner. Sent with window.postMessage;
 * the content script takes it only from its own frame and the extension's
 * origin, which no web page can post from.
 */

export const FRAME_LAYOUT = 'auditdesk:layout';

export interface FrameLayout {
  type: typeof FRAME_LAYOUT;
  open: boolean;
  /** The agent opened it (button or keyboard command): the frame takes the keyboard focus from the page. */
  focus: boolean;
}

export function frameLayout(open: boolean, focus: boolean): FrameLayout {
  return { type: FRAME_LAYOUT, open, focus };
}

export function isFrameLayout(data: unknown): data is FrameLayout {
  const layout = data as Partial<FrameLayout> | null;
  return typeof layout === 'object' && layout !== null && layout.type === FRAME_LAYOUT && typeof layout.open === 'boolean' && typeof layout.focus === 'boolean';
}
