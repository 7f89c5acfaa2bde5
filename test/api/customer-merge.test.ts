import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messages, surveys, voiceRecordings } from '../../backend/db/schema';
import { auditRowsOf, bodyOf, conversationHistoryOf } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

const post = async <T>(path: string, body: object) => bodyOf<T>(await ws.call('POST', path, { token: ws.tokens.agent, body }), 201);

/** A duplicate customer with two conversations, each with a message, a survey and a recording; and the original. */
async function duplicateWithHistory() {
  const original = await post<{ id: string }>('/api/v1/customers', { name: 'Ana Ruiz' });
  const duplicate = await post<{ id: string }>('/api/v1/customers', { name: 'Ana R.' });
  const children = [];
  for (const name of ['Invoice', 'Refund']) {
    const conversation = await post<{ id: string }>('/api/v1/conversations', { customerId: duplicate.id, name, channel: 'voice' });
    const message = await post<{ id: string }>(`/api/v1/conversations/${conversation.id}/messages`, { body: 'Hello', direction: 'in' });
    const survey = await post<{ id: string }>(`/api/v1/conversations/${conversation.id}/surveys`, { scheduledFor: '2030-01-02T09:00:00.000Z' });
    const recording = await post<{ id: string }>(`/api/v1/conversations/${conversation.id}/voice-recordings`, {
      durationSeconds: 42,
      recordingUrl: 'https://calls.example.com/rec/42.mp3',
    });
    children.push({ conversation, message, survey, recording });
  }
  return { original, duplicate, children };
}

describe('merging customers', () => {
  it('moves every message, survey and recording of the moved conversations to the surviving customer, recorded in the same change', async () => {
    const { original, duplicate, children } = await duplicateWithHistory();
    await bodyOf(await ws.call('POST', `/api/v1/customers/${duplicate.id}/merge`, { token: ws.tokens.agent, body: { targetId: original.id } }), 200);

    const [mergedInto] = (await auditRowsOf(ws, duplicate.id)).filter((r) => r.property === 'mergedInto');
    const reader = ws.deps.db.reader;
    for (const { message, survey, recording } of children) {
      const [m] = await reader.select({ customerId: messages.customerId }).from(messages).where(eq(messages.id, message.id));
      const [s] = await reader.select({ customerId: surveys.customerId }).from(surveys).where(eq(surveys.id, survey.id));
      const [r] = await reader.select({ customerId: voiceRecordings.customerId }).from(voiceRecordings).where(eq(voiceRecordings.id, recording.id));
      expect([m?.customerId, s?.customerId, r?.customerId]).toEqual([original.id, original.id, original.id]);

      for (const id of [message.id, survey.id, recording.id]) {
        const moves = (await auditRowsOf(ws, id)).filter((row) => row.property === 'customerId');
        expect(moves).toEqual([
          expect.objectContaining({
            event: 'merge',
            before: duplicate.id,
            after: original.id,
            customerId: original.id,
            changeId: mergedInto!.changeId,
            actor: expect.objectContaining({ id: ws.users.agent.id }),
          }),
        ]);
      }
    }
  });

  it('shows each move in the moved conversation’s history', async () => {
    const { original, duplicate, children } = await duplicateWithHistory();
    await bodyOf(await ws.call('POST', `/api/v1/customers/${duplicate.id}/merge`, { token: ws.tokens.agent, body: { targetId: original.id } }), 200);
    for (const { conversation, message, survey, recording } of children) {
      const moves = (await conversationHistoryOf(ws, conversation.id)).filter((e) => e.event === 'merge' && e.property === 'customerId');
      expect(moves.map((e) => e.subject.id).sort()).toEqual([conversation.id, message.id, survey.id, recording.id].sort());
    }
  });
});
