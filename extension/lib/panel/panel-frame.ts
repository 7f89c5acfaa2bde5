import { PANEL_WIDTH_PX } from './page-push';

/** The frame's corner while the panel is closed: the 44 px round toggle and its 16 px margins. */
const TOGGLE_BOX_PX = 76;

// Inside a closed shadow root, so the page's styles cannot reach the frame and its scripts cannot find it.
const CSS = `
:host { all: initial; }
iframe { position: fixed; right: 0; bottom: 0; z-index: 2147483000; border: 0; margin: 0; padding: 0;
  background: transparent; color-scheme: normal; width: ${TOGGLE_BOX_PX}px; height: ${TOGGLE_BOX_PX}px; }
iframe.open { top: 0; height: 100vh; width: min(${PANEL_WIDTH_PX}px, 100vw); }
iframe[hidden] { display: none; }
`;

export interface PanelFrame {
  /** The frame's window, the only source of layout messages the content script takes. */
  readonly window: Window | null;
  /** Shown while the page shows a subject. */
  setVisible(visible: boolean): void;
  setOpen(open: boolean): void;
  /** Moves the keyboard focus into the panel (after the keyboard command opened it). */
  focus(): void;
  remove(): void;
}

/**
 * Puts the panel's page (`src`, an extension page) on the workspace page in
 * a frame of its own: the page can neither read a cross-origin frame nor
 * click inside it. The content script only places and sizes it.
 */
export function mountPanelFrame(document: Document, src: string): PanelFrame {
  const host = document.createElement('auditdesk-panel');
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = CSS;
  const frame = document.createElement('iframe');
  frame.src = src;
  frame.title = 'Auditdesk audit history';
  // Copy writes the clipboard from inside the frame.
  frame.allow = 'clipboard-write';
  frame.hidden = true;
  root.append(style, frame);
  // The script starts with the page (document_start), before <body> exists: the panel loads alongside the page.
  (document.body ?? document.documentElement).append(host);
  return {
    get window() {
      return frame.contentWindow;
    },
    setVisible: (visible) => void (frame.hidden = !visible),
    setOpen: (open) => void frame.classList.toggle('open', open),
    focus: () => frame.focus(),
    remove: () => host.remove(),
  };
}
