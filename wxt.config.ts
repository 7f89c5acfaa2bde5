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
    // workspaces added in the options at run time.
    permissions: ['storage', 'scripting'],
    // The demo workspace and a backend on this machine; any other workspace or
    // backend is asked for at run time (optional_host_permissions).
    host_permissions: ['http://localhost/*', 'http://127.0.0.1/*'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    commands: {
      'toggle-audit-panel': {
        suggested_key: { default: 'Alt+Shift+A' },
        description: 'Open or close the audit panel',
      },
    },
  },
});
