import type { surveys } from '../../db/schema';
import { ApiError } from '../../errors';

type Survey = typeof surveys.$inferSelect;

/** A survey is offered once, after it was scheduled. */
export function assertOfferable(survey: Survey): void {
  if (survey.status !== 'scheduled') throw ApiError.conflict('This survey was already offered.');
}

/**
 * Only an offered survey can be answered: a rating or comment on a survey the
 * customer never saw would record an answer to a question nobody asked.
 * A rated survey may be rated again or commented on (customers change their minds).
 */
export function assertAnswerable(survey: Survey): void {
  if (survey.status === 'scheduled') throw ApiError.conflict('This survey has not been offered yet.');
}
