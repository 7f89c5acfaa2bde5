import { ID_PATTERN } from '../../../shared/schemas/common';
import { subjectIdsFromDocument } from './page-attributes';
import { subjectIdsFromPath, type SubjectIds } from './path-patterns';

/** The customer and conversation on screen; null where the page names none (or a malformed id). */
export type DetectedSubjects = SubjectIds;

// The page is not trusted: an id that is not a valid subject id is ignored,
// so the panel never asks the background about it (which validates it again
// with the protocol's schema). The Id schema's own pattern, without valibot:
// this is the content script's only check, and the script has a size budget.
function valid(id: string | null): string | null {
  return id !== null && ID_PATTERN.test(id) ? id : null;
}

/**
 * The subjects the page at `url` shows: from its path under `paths` first
 * (the URL changes before an app re-renders), then from the page's `data-*`
 * attributes for whatever the path does not say.
 */
export function detectSubjects(document: Document, url: URL | Location, paths: readonly string[]): DetectedSubjects {
  const fromPath = subjectIdsFromPath(url.pathname, paths);
  const fromPage = subjectIdsFromDocument(document);
  return {
    customerId: valid(fromPath.customerId) ?? valid(fromPage.customerId),
    conversationId: valid(fromPath.conversationId) ?? valid(fromPage.conversationId),
  };
}

/** Whether two detections name the same subjects. */
export function sameSubjects(a: DetectedSubjects, b: DetectedSubjects): boolean {
  return a.customerId === b.customerId && a.conversationId === b.conversationId;
}
