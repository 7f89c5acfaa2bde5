import * as v from 'valibot';
import type { Tx } from '../db/sql';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { detailsByField, type FieldErrors, issuesByField } from './form-data';

/**
 * Checks a form's body with the API's own schema, then writes it. What the
 * API would answer 400 to (a refused value, an unknown id found while
 * writing) comes back as field errors so the page can show the form again;
 * anything else is thrown. `null` means saved.
 */
export async function saveForm<TSchema extends v.GenericSchema>(
  deps: AppDeps,
  schema: TSchema,
  input: unknown,
  write: (tx: Tx, body: v.InferOutput<TSchema>) => Promise<unknown>,
): Promise<FieldErrors | null> {
  const parsed = v.safeParse(schema, input);
  if (!parsed.success) return issuesByField(parsed.issues);
  try {
    await deps.writes.run((tx) => write(tx, parsed.output));
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 400) throw error;
    return detailsByField(error);
  }
  return null;
}
