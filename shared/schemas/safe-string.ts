import * as v from 'valibot';

/**
 * The one base of every string the API accepts. SQLite keeps text as UTF-8,
 * so a lone surrogate cannot be stored as sent (it comes back as U+FFFD, and
 * the native driver's decoding can fail on it), and a NUL ends the C strings
 * SQLite's functions build. Refused here, they never reach a row or the log.
 */
export const NOT_WELL_FORMED = 'must be well-formed Unicode (no lone surrogates)';
export const HAS_NUL = 'must not contain a NUL character';

// String.prototype.isWellFormed exists in Node 20 and Chrome 111; TypeScript declares it from ES2024 on.
const isWellFormed = (text: string): boolean => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

/** What is wrong with a piece of text for storage, or null when nothing is. */
export function textProblem(text: string): string | null {
  if (!isWellFormed(text)) return NOT_WELL_FORMED;
  if (text.includes('\u0000')) return HAS_NUL;
  return null;
}

/** A string that is well-formed Unicode without NUL: build every string schema on this one. */
export const SafeString = v.pipe(
  v.string(),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = textProblem(dataset.value);
    if (problem) addIssue({ message: problem });
  }),
);
