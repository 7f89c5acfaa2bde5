import { describe, expect, it, vi } from 'vitest';
import { newestReportsOf, newPageId, PAGE_ID_PATTERN } from './subject-report';

const CONVERSATION_A = '01JD0000000000000000000V01';
const CONVERSATION_B = '01JD0000000000000000000V02';
const report = (page: string, seq: number, conversationId: string | null) => ({ page, seq, customerId: null, conversationId });

describe("the panel follows its own page's subject reports", () => {
  it('takes the newer reports of its page, in order', () => {
    const page = newPageId();
    const shown = vi.fn();
    const take = newestReportsOf(page, shown);
    take(report(page, 1, CONVERSATION_A));
    take(report(page, 2, CONVERSATION_B));
    expect(shown.mock.calls).toEqual([[{ customerId: null, conversationId: CONVERSATION_A }], [{ customerId: null, conversationId: CONVERSATION_B }]]);
  });

  it('ignores a report of the page being left, even when it arrives last', () => {
    const page = newPageId();
    const shown = vi.fn();
    const take = newestReportsOf(page, shown);
    take(report(newPageId(), 9, null));
    take(null);
    expect(shown).not.toHaveBeenCalled();
  });

  it('ignores an older report of its own page that arrives after a newer one', () => {
    const page = newPageId();
    const shown = vi.fn();
    const take = newestReportsOf(page, shown);
    take(report(page, 2, CONVERSATION_B));
    take(report(page, 1, CONVERSATION_A));
    expect(shown.mock.calls).toEqual([[{ customerId: null, conversationId: CONVERSATION_B }]]);
  });

  it('makes page ids the protocol accepts', () => {
    expect(newPageId()).toMatch(PAGE_ID_PATTERN);
  });
});
