import { downloadBlob } from '../export/download';
import { sendMessage } from '../messaging/messenger';
import { authSession } from '../session/session-items';
import type { AdminDeps } from './admin-deps';

/** The Settings section's dependencies in the extension: the background's messages, the page's clipboard and downloads. */
export function browserAdminDeps(): AdminDeps {
  return {
    getSession: () => sendMessage('getSession'),
    signOut: () => sendMessage('signOut'),
    listUsers: (cursor) => sendMessage('listUsers', { cursor }),
    updateUser: (id, patch) => sendMessage('updateUser', { id, patch }),
    unlockUser: (id) => sendMessage('unlockUser', { id }),
    listApiKeys: () => sendMessage('listApiKeys'),
    createApiKey: (input) => sendMessage('createApiKey', input),
    updateApiKey: (id, patch) => sendMessage('updateApiKey', { id, patch }),
    rotateApiKey: (id) => sendMessage('rotateApiKey', { id }),
    revokeApiKey: (id) => sendMessage('revokeApiKey', { id }),
    getRetention: () => sendMessage('getRetention'),
    setRetention: (input) => sendMessage('setRetention', input),
    getIntegrity: () => sendMessage('getIntegrity'),
    verifyLog: (full) => sendMessage('verifyLog', { full }),
    signCheckpoint: () => sendMessage('signCheckpoint'),
    downloadCheckpoint: (id) => sendMessage('downloadCheckpoint', { id }),
    listStreamDestinations: () => sendMessage('listStreamDestinations'),
    createStreamDestination: (input) => sendMessage('createStreamDestination', input),
    updateStreamDestination: (id, patch) => sendMessage('updateStreamDestination', { id, patch }),
    pauseStreamDestination: (id) => sendMessage('pauseStreamDestination', { id }),
    resumeStreamDestination: (id) => sendMessage('resumeStreamDestination', { id }),
    rotateStreamDestinationSecret: (id) => sendMessage('rotateStreamDestinationSecret', { id }),
    deleteStreamDestination: (id) => sendMessage('deleteStreamDestination', { id }),
    listInboundWebhooks: () => sendMessage('listInboundWebhooks'),
    createInboundWebhook: (input) => sendMessage('createInboundWebhook', input),
    rotateInboundWebhookSecret: (id) => sendMessage('rotateInboundWebhookSecret', { id }),
    revokeInboundWebhook: (id) => sendMessage('revokeInboundWebhook', { id }),
    saveFile: (text, name) => downloadBlob(document, new Blob([text], { type: 'application/json' }), name),
    copy: (text) => navigator.clipboard.writeText(text),
    now: () => Date.now(),
    // Only that it changed: the session itself is asked of the background, which confirms it with the backend.
    watchSession: (onChange) => authSession.watch(() => onChange()),
  };
}
