import * as v from 'valibot';
import { API_KEY_KINDS } from '../enums';
import { API_KEY_SCOPES } from '../permissions';
import { Text } from './common';

/** What a key may do: at least one scope, each named once. */
export const ApiKeyScopes = v.pipe(
  v.array(v.picklist(API_KEY_SCOPES)),
  v.minLength(1, 'A key needs at least one scope.'),
  v.check((scopes) => new Set(scopes).size === scopes.length, 'Name each scope once.'),
);

export const ApiKeyCreate = v.strictObject({
  /** Shown as "Performed By" on every change the key makes, e.g. "Shopify sync". */
  name: Text(100),
  kind: v.picklist(API_KEY_KINDS),
  /** Left out: what an automation could always do (DEFAULT_API_KEY_SCOPES). */
  scopes: v.optional(ApiKeyScopes),
});
export type ApiKeyCreateInput = v.InferOutput<typeof ApiKeyCreate>;

export const ApiKeyUpdate = v.strictObject({
  scopes: ApiKeyScopes,
});
export type ApiKeyUpdateInput = v.InferOutput<typeof ApiKeyUpdate>;
