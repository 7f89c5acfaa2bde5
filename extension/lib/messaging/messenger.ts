import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ProtocolMap } from './protocol';

/**
 * The extension's one messenger. Content scripts, the popup and the options
 * page `sendMessage(...)` to the background, which answers every request
 * (see background/index.ts); the background sends `togglePanel` to a tab.
 * No logger: requests carry passwords (signIn) and must not reach a console.
 */
export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
