import { defineContentScript } from 'wxt/utils/define-content-script';
import { startPanelFrame } from './start-panel-frame';

/**
 * Frames the audit panel on agent workspace pages. The manifest covers this
 * machine's hosts (every port: the script itself keeps to the workspace
 * origins); the background registers this same script for the workspace
 * origins added in the options.
 */
export default defineContentScript({
  matches: ['http://localhost/*', 'http://127.0.0.1/*'],
  // From the start of the page: the panel's frame loads and asks for the history while the page still loads.
  runAt: 'document_start',
  main: startPanelFrame,
});
