import type { SubjectIds } from './path-patterns';

/**
 * The subject ids a workspace page states on its `<main>` element
 * (`data-conversation-id`, `data-customer-id`), as the demo workspace does.
 * A conversation page names both.
 */
export function subjectIdsFromDocument(document: Document): SubjectIds {
  const main =
    document.querySelector('main[data-conversation-id]') ?? document.querySelector('main[data-customer-id]');
  return {
    customerId: main?.getAttribute('data-customer-id') || null,
    conversationId: main?.getAttribute('data-conversation-id') || null,
  };
}
