import type { SavedView } from '../../../shared/api-client-responses';
import type { ViewsRequest, ViewsSend } from './views-deps';

/*
 * Stand-ins for the views menu's dependencies in unit tests: the
 * background's answers are plain functions; every message is recorded.
 */

/** A saved view as the backend lists it; pass what the test is about. */
export function savedView(overrides: Partial<SavedView> = {}): SavedView {
  return {
    id: '01JD00000000000000000000V1',
    name: 'Routing',
    filter: 'section=routing',
    shared: false,
    owner: { id: 'u1', name: 'Lee Lead' },
    mine: true,
    canDelete: true,
    default: false,
    narrowed: false,
    readableFilter: 'section=routing',
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

type Answers = { [K in ViewsRequest]?: (data: unknown) => unknown };

/** A `send` answering from `answers` (a message without one fails the test loudly), recording each message. */
export function fakeViewsSend(answers: Answers) {
  const sent: Array<{ type: ViewsRequest; data: unknown }> = [];
  const send = (async (type: ViewsRequest, data: unknown) => {
    sent.push({ type, data });
    const answer = answers[type];
    if (!answer) throw new Error(`No answer for ${type}`);
    return answer(data);
  }) as ViewsSend;
  return { send, sent };
}
