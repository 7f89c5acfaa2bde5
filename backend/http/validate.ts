import { vValidator } from '@hono/valibot-validator';
import type { ValidationTargets } from 'hono';
import * as v from 'valibot';
import { ApiError } from '../errors';

type Target = keyof Pick<ValidationTargets, 'json' | 'query' | 'param'>;

/** The valibot issues of a failed parse, as the `details` of a 400. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]) {
  return issues.map((issue) => ({
    path: issue.path?.map((p) => p.key as string | number).join('.') || null,
    message: issue.message,
  }));
}

/**
 * Hono's valibot validator, answering every failure the way the API answers
 * invalid input: 400 `invalid_request` with the issues in `details`.
 */
export function validate<T extends Target, S extends v.GenericSchema | v.GenericSchemaAsync>(target: T, schema: S) {
  return vValidator(target, schema, (result) => {
    if (!result.success) {
      const where = target === 'json' ? 'body' : target === 'query' ? 'query string' : 'path';
      throw ApiError.badRequest(`The request ${where} is not valid.`, describeIssues(result.issues));
    }
  });
}
