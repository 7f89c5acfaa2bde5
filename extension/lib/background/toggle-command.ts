/** The manifest command that opens or closes the panel (Alt+Shift+A). */
export const TOGGLE_COMMAND = 'toggle-audit-panel';

export interface ToggleDeps {
  /** The active tab of the current window, when the command did not name one. */
  activeTabId(): Promise<number | undefined>;
  /** Sends `togglePanel` for the tab to its panel. */
  sendToggle(tabId: number): Promise<void>;
}

/**
 * Answers a keyboard command: `toggle-audit-panel` tells the panel in the
 * tab to open or close. A tab without the panel (not a workspace page) has
 * no one listening, and that is not an error.
 */
export async function handleCommand(command: string, tabId: number | undefined, deps: ToggleDeps): Promise<void> {
  if (command !== TOGGLE_COMMAND) return;
  const target = tabId ?? (await deps.activeTabId());
  if (target === undefined) return;
  await deps.sendToggle(target).catch(() => undefined);
}
