import type { DetectedSubjects } from '../subject/detect';

/*
 * What a workspace page's content script reports to the background about
 * the subjects on screen. Reports reach the panel through the background,
 * which checks each sender before storing it; checks of two reports can end
 * in either order, and a page being left can still report after the next
 * page has. So each report names its page (an id the content script makes
 * and gives only to its own panel frame) and its number on that page, and
 * the panel keeps only its own page's newest.
 */

export interface SubjectReport extends DetectedSubjects {
  page: string;
  seq: number;
}

export const PAGE_ID_PATTERN = /^[0-9a-f-]{36}$/;

/** A new page's id. */
export function newPageId(): string {
  return crypto.randomUUID();
}

/**
 * Passes on the subjects of this page's reports that are newer than any
 * seen; the subjects the panel was framed with count as report 0.
 */
export function newestReportsOf(page: string, listener: (subjects: DetectedSubjects) => void): (report: SubjectReport | null) => void {
  let seen = 0;
  return (report) => {
    if (!report || report.page !== page || report.seq <= seen) return;
    seen = report.seq;
    listener({ customerId: report.customerId, conversationId: report.conversationId });
  };
}
