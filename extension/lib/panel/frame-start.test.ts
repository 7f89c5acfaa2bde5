import { describe, expect, it } from 'vitest';
import { frameStartFragment, frameStartOf } from './frame-start';

const CUSTOMER = '01JD0000000000000000000C01';
const CONVERSATION = '01JD0000000000000000000V01';
const PAGE = '3b241101-e2bb-4255-8caf-4136c566a962';

describe("what the panel frame's URL starts it with", () => {
  it("carries the customer and conversation the page showed, the page's id, and whether the panel was left open", () => {
    const start = { subjects: { customerId: CUSTOMER, conversationId: CONVERSATION }, page: PAGE, open: true };
    expect(frameStartOf(frameStartFragment(start))).toEqual(start);
    const nothing = { subjects: { customerId: null, conversationId: null }, page: null, open: false };
    expect(frameStartOf(frameStartFragment(nothing))).toEqual(nothing);
  });

  it('ignores anything that is not a subject id or a page id', () => {
    expect(frameStartOf('#customer=../../admin&conversation=x&page=x')).toEqual({ subjects: { customerId: null, conversationId: null }, page: null, open: false });
  });
});
