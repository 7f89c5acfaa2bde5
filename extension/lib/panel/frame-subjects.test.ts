import { describe, expect, it } from 'vitest';
import { subjectsFragment, subjectsOfFragment } from './frame-subjects';

const CUSTOMER = '01JD0000000000000000000C01';
const CONVERSATION = '01JD0000000000000000000V01';

describe("the subjects in the panel frame's URL", () => {
  it('carry the customer and conversation the page showed', () => {
    const subjects = { customerId: CUSTOMER, conversationId: CONVERSATION };
    expect(subjectsOfFragment(subjectsFragment(subjects))).toEqual(subjects);
    expect(subjectsOfFragment(subjectsFragment({ customerId: null, conversationId: null }))).toEqual({ customerId: null, conversationId: null });
  });

  it('ignore anything that is not a subject id', () => {
    expect(subjectsOfFragment('#customer=../../admin&conversation=x')).toEqual({ customerId: null, conversationId: null });
  });
});
