import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversationHistoryOf } from '../support/audit-rows';
import { createCustomerAndConversation } from '../support/fixtures';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

const RECORDING = { durationSeconds: 42, recordingUrl: 'https://calls.example.com/rec/42.mp3' };

const conversationHistory = (id: string) => conversationHistoryOf(ws, id);

const newConversation = () => createCustomerAndConversation(ws, { name: 'Call about billing', channel: 'voice' });

async function addRecording(conversationId: string): Promise<string> {
  const res = await ws.call('POST', `/api/v1/conversations/${conversationId}/voice-recordings`, { token: ws.tokens.agent, body: RECORDING });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe('voice recordings', () => {
  it('records a recording added to a conversation as its snapshot, filed under voice', async () => {
    const conversation = await newConversation();
    const id = await addRecording(conversation.id);
    const rows = (await conversationHistory(conversation.id)).filter((r) => r.subject.type === 'voice_recording');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      event: 'create',
      category: 'conversation',
      section: 'voice',
      subject: { type: 'voice_recording', id, label: 'Voice recording (42s)' },
      customerId: conversation.customerId,
      conversationId: conversation.id,
      property: null,
      before: null,
      after: RECORDING,
      actor: { type: 'user', id: ws.users.agent.id },
    });
  });

  it('records a deletion with the recording’s last snapshot and stops serving it', async () => {
    const conversation = await newConversation();
    const id = await addRecording(conversation.id);
    const res = await ws.call('DELETE', `/api/v1/voice-recordings/${id}`, { token: ws.tokens.lead });
    expect(res.status).toBe(204);

    const [row, ...rest] = (await conversationHistory(conversation.id)).filter((r) => r.event === 'delete');
    expect(rest).toHaveLength(0);
    expect(row).toMatchObject({
      category: 'conversation',
      section: 'voice',
      subject: { type: 'voice_recording', id },
      before: RECORDING,
      after: null,
      actor: { type: 'user', id: ws.users.lead.id },
    });
    expect((await ws.call('GET', `/api/v1/voice-recordings/${id}`, { token: ws.tokens.agent })).status).toBe(404);
    const list = await ws.call('GET', `/api/v1/conversations/${conversation.id}/voice-recordings`, { token: ws.tokens.agent });
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);
    expect((await ws.call('DELETE', `/api/v1/voice-recordings/${id}`, { token: ws.tokens.lead })).status).toBe(404);
  });

  it('lists a conversation’s recordings', async () => {
    const conversation = await newConversation();
    const id = await addRecording(conversation.id);
    const res = await ws.call('GET', `/api/v1/conversations/${conversation.id}/voice-recordings`, { token: ws.tokens.agent });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: unknown[] }).items).toMatchObject([{ id, ...RECORDING }]);
  });

  it('answers 400 for an invalid recording and 404 for an unknown conversation, writing nothing', async () => {
    const conversation = await newConversation();
    const before = await conversationHistory(conversation.id);
    const path = `/api/v1/conversations/${conversation.id}/voice-recordings`;
    expect((await ws.call('POST', path, { token: ws.tokens.agent, body: { ...RECORDING, recordingUrl: 'not a url' } })).status).toBe(400);
    expect((await ws.call('POST', path, { token: ws.tokens.agent, body: { ...RECORDING, durationSeconds: -1 } })).status).toBe(400);
    expect((await ws.call('POST', path, { token: ws.tokens.agent, body: { ...RECORDING, transcript: 'hi' } })).status).toBe(400);
    expect(await conversationHistory(conversation.id)).toEqual(before);
    const unknown = `/api/v1/conversations/${ws.deps.newId()}/voice-recordings`;
    expect((await ws.call('POST', unknown, { token: ws.tokens.agent, body: RECORDING })).status).toBe(404);
  });
});
