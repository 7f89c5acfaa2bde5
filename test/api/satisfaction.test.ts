import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/audit-event';
import { conversationHistoryOf } from '../support/audit-rows';
import { createCustomerAndConversation } from '../support/fixtures';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

const SCHEDULED_FOR = '2030-01-02T09:00:00.000Z';

const conversationHistory = (id: string) => conversationHistoryOf(ws, id);

const newConversation = () => createCustomerAndConversation(ws, { name: 'Refund' });

async function scheduledSurvey(conversationId: string): Promise<string> {
  const res = await ws.call('POST', `/api/v1/conversations/${conversationId}/surveys`, {
    token: ws.tokens.agent,
    body: { scheduledFor: SCHEDULED_FOR },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** The rows one survey action added to the conversation's history. */
async function rowsOf(conversationId: string, event: string): Promise<AuditEvent[]> {
  return (await conversationHistory(conversationId)).filter((r) => r.event === event);
}

describe('satisfaction surveys', () => {
  it('records a scheduled survey as its snapshot in the conversation’s history', async () => {
    const conversation = await newConversation();
    const surveyId = await scheduledSurvey(conversation.id);
    const [row, ...rest] = await rowsOf(conversation.id, 'survey_scheduled');
    expect(rest).toHaveLength(0);
    expect(row).toMatchObject({
      category: 'conversation',
      section: 'satisfaction',
      subject: { type: 'survey', id: surveyId, label: 'Satisfaction survey' },
      customerId: conversation.customerId,
      conversationId: conversation.id,
      property: null,
      before: null,
      actor: { type: 'user', id: ws.users.agent.id },
    });
    expect(row!.after).toEqual({ status: 'scheduled', scheduledFor: SCHEDULED_FOR, offeredAt: null, rating: null, comment: null });
  });

  it('records the survey being offered, rated and commented on, each as its own event', async () => {
    const conversation = await newConversation();
    const surveyId = await scheduledSurvey(conversation.id);

    const offered = await ws.call('POST', `/api/v1/surveys/${surveyId}/offer`, { token: ws.tokens.agent });
    expect(offered.status).toBe(200);
    const { offeredAt } = (await offered.json()) as { offeredAt: string };
    expect((await rowsOf(conversation.id, 'survey_offered')).map((r) => [r.property, r.before, r.after])).toEqual(
      expect.arrayContaining([
        ['status', 'scheduled', 'offered'],
        ['offeredAt', null, offeredAt],
      ]),
    );

    expect((await ws.call('POST', `/api/v1/surveys/${surveyId}/rate`, { token: ws.tokens.agent, body: { rating: 4 } })).status).toBe(200);
    const rated = await rowsOf(conversation.id, 'survey_rated');
    expect(rated.map((r) => [r.property, r.before, r.after])).toEqual(
      expect.arrayContaining([
        ['status', 'offered', 'rated'],
        ['rating', null, 4],
      ]),
    );
    expect(rated).toHaveLength(2);

    const commentRes = await ws.call('POST', `/api/v1/surveys/${surveyId}/comment`, { token: ws.tokens.agent, body: { comment: 'Quick and kind' } });
    expect(commentRes.status).toBe(200);
    const commented = await rowsOf(conversation.id, 'survey_commented');
    expect(commented.map((r) => [r.property, r.before, r.after])).toEqual([['comment', null, 'Quick and kind']]);

    for (const row of [...rated, ...commented]) {
      expect(row).toMatchObject({ category: 'conversation', section: 'satisfaction', subject: { type: 'survey', id: surveyId } });
    }
  });

  it('records a customer’s rating that arrives through an API key as the automation', async () => {
    const conversation = await newConversation();
    const surveyId = await scheduledSurvey(conversation.id);
    await ws.call('POST', `/api/v1/surveys/${surveyId}/offer`, { token: ws.tokens.agent });
    const key = await ws.call('POST', '/api/v1/api-keys', { token: ws.tokens.admin, body: { name: 'CSAT form', kind: 'api' } });
    const { secret } = (await key.json()) as { secret: string };

    expect((await ws.call('POST', `/api/v1/surveys/${surveyId}/rate`, { token: secret, body: { rating: 5 } })).status).toBe(200);
    const [row] = (await rowsOf(conversation.id, 'survey_rated')).filter((r) => r.property === 'rating');
    expect(row).toMatchObject({ after: 5, actor: { type: 'api', name: 'CSAT form' } });
  });

  it('refuses answering a survey that was never offered, and offering one twice (409), writing nothing', async () => {
    const conversation = await newConversation();
    const surveyId = await scheduledSurvey(conversation.id);
    const before = await conversationHistory(conversation.id);
    const rate = await ws.call('POST', `/api/v1/surveys/${surveyId}/rate`, { token: ws.tokens.agent, body: { rating: 5 } });
    expect(rate.status).toBe(409);
    expect(((await rate.json()) as { error: { code: string } }).error.code).toBe('conflict');
    expect((await ws.call('POST', `/api/v1/surveys/${surveyId}/comment`, { token: ws.tokens.agent, body: { comment: 'Hi' } })).status).toBe(409);
    expect(await conversationHistory(conversation.id)).toEqual(before);

    await ws.call('POST', `/api/v1/surveys/${surveyId}/offer`, { token: ws.tokens.agent });
    expect((await ws.call('POST', `/api/v1/surveys/${surveyId}/offer`, { token: ws.tokens.agent })).status).toBe(409);
    expect(await rowsOf(conversation.id, 'survey_offered')).toHaveLength(2);
  });

  it('answers 400 for a rating outside 1–5 and 404 for unknown surveys and conversations', async () => {
    const conversation = await newConversation();
    const surveyId = await scheduledSurvey(conversation.id);
    await ws.call('POST', `/api/v1/surveys/${surveyId}/offer`, { token: ws.tokens.agent });
    expect((await ws.call('POST', `/api/v1/surveys/${surveyId}/rate`, { token: ws.tokens.agent, body: { rating: 6 } })).status).toBe(400);
    expect((await ws.call('POST', `/api/v1/surveys/${ws.deps.newId()}/offer`, { token: ws.tokens.agent })).status).toBe(404);
    const unknown = `/api/v1/conversations/${ws.deps.newId()}/surveys`;
    expect((await ws.call('POST', unknown, { token: ws.tokens.agent, body: { scheduledFor: SCHEDULED_FOR } })).status).toBe(404);
    expect((await ws.call('GET', unknown, { token: ws.tokens.agent })).status).toBe(404);
  });

  it('lists a conversation’s surveys', async () => {
    const conversation = await newConversation();
    const surveyId = await scheduledSurvey(conversation.id);
    const res = await ws.call('GET', `/api/v1/conversations/${conversation.id}/surveys`, { token: ws.tokens.agent });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: Array<{ id: string; status: string }> }).items).toMatchObject([
      { id: surveyId, status: 'scheduled', scheduledFor: SCHEDULED_FOR },
    ]);
  });
});
