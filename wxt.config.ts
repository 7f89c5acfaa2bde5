import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/**
 * The Chrome MV3 extension (extension/). Imports are explicit (no auto-imports)
 * so every file says where its names come from.
 */
export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'Auditdesk',
    description: 'The audit history of the customer or conversation on screen, live, with one-click restore.',
    // storage: the session token and settings; scripting: content scripts for
    // workspaces added in the options at run time; alarms: wakes the worker to
    // follow (and catch up on) the notification stream.
    permissions: ['storage', 'scripting', 'alarms'],
    // Desktop notifications of what a person watches: asked for when they make
    // their first watch, never at install (the badge and popup work without it).
    optional_permissions: ['notifications'],
    // A backend and its workspace on this machine (any port: match patterns
    // cannot name one, the extension matches workspace origins itself); any
    // other workspace or backend is asked for at run time (optional_host_permissions).
    host_permissions: ['http://localhost/*', 'http://127.0.0.1/*'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // The panel's page, framed on workspace pages by the content script. A
    // workspace added in the options may be on any host, and this list cannot
    // change at run time; the panel shows nothing, and the background answers
    // it nothing, unless the tab's page is on a workspace origin.
    web_accessible_resources: [{ resources: ['panel.html'], matches: ['http://*/*', 'https://*/*'] }],
    commands: {
      'toggle-audit-panel': {
        suggested_key: { default: 'Alt+Shift+A' },
        description: 'Open or close the audit panel',
      },
    },
  },
});
