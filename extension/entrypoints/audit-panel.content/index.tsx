import { defineContentScript } from 'wxt/utils/define-content-script';
import { startPanel } from './start-panel';

/**
 * The audit panel in the agent workspace. The manifest covers the demo
 * workspace on this machine; the background registers this same script for
 * the workspace hosts added in the options.
 */
export default defineContentScript({
  matches: ['http://localhost/*', 'http://127.0.0.1/*'],
  // The styles are bundled into the script and put in the shadow root by
  // start-panel: fetching a separate CSS file would need it web-accessible
  // on every workspace host the options may add.
  cssInjectionMode: 'manual',
  main: startPanel,
});
