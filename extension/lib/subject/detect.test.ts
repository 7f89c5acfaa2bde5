import { beforeEach, describe, expect, it } from 'vitest';
import { detectSubjects } from './detect';
import { DEFAULT_SUBJECT_PATHS } from './path-patterns';

const CUSTOMER = '01JD0000000000000000000C01';
const CONVERSATION = '01JD0000000000000000000V01';

function at(path: string): URL {
  return new URL(`http://localhost:3000${path}`);
}

describe('detectSubjects', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('reads the customer from a demo customer page path', () => {
    expect(detectSubjects(document, at(`/workspace/customers/${CUSTOMER}`), DEFAULT_SUBJECT_PATHS)).toEqual({
      customerId: CUSTOMER,
      conversationId: null,
    });
  });

  it('reads the conversation from a demo conversation page path', () => {
    expect(detectSubjects(document, at(`/workspace/conversations/${CONVERSATION}`), DEFAULT_SUBJECT_PATHS)).toEqual({
      customerId: null,
      conversationId: CONVERSATION,
    });
  });

  it('reads both ids from a Kustomer-style conversation path', () => {
    const url = at(`/app/customers/${CUSTOMER}/event/${CONVERSATION}`);
    expect(detectSubjects(document, url, DEFAULT_SUBJECT_PATHS)).toEqual({
      customerId: CUSTOMER,
      conversationId: CONVERSATION,
    });
  });

  it('understands a bare :id by the segment before it, as the options store the demo paths', () => {
    const url = at(`/workspace/conversations/${CONVERSATION}`);
    expect(detectSubjects(document, url, ['/workspace/conversations/:id']).conversationId).toBe(CONVERSATION);
  });

  it('takes the customer of a conversation page from its data attributes', () => {
    document.body.innerHTML = `<main data-conversation-id="${CONVERSATION}" data-customer-id="${CUSTOMER}"></main>`;
    expect(detectSubjects(document, at('/inbox'), DEFAULT_SUBJECT_PATHS)).toEqual({
      customerId: CUSTOMER,
      conversationId: CONVERSATION,
    });
  });

  it('takes a customer page from main[data-customer-id] alone', () => {
    document.body.innerHTML = `<main data-customer-id="${CUSTOMER}"></main>`;
    expect(detectSubjects(document, at('/'), DEFAULT_SUBJECT_PATHS)).toEqual({ customerId: CUSTOMER, conversationId: null });
  });

  it('ignores ids that are not subject ids, so a page cannot make the panel ask for anything', () => {
    document.body.innerHTML = '<main data-customer-id="../../admin"></main>';
    expect(detectSubjects(document, at('/workspace/customers/not-an-id'), DEFAULT_SUBJECT_PATHS)).toEqual({
      customerId: null,
      conversationId: null,
    });
  });

  it('finds nothing on pages outside the patterns', () => {
    expect(detectSubjects(document, at('/workspace/login'), DEFAULT_SUBJECT_PATHS)).toEqual({
      customerId: null,
      conversationId: null,
    });
  });
});
