import * as v from 'valibot';
import { API_KEY_KINDS } from '../enums';
import { Text } from './common';

export const ApiKeyCreate = v.strictObject({
  /** Shown as "Performed By" on every change the key makes, e.g. "Shopify sync". */
  name: Text(100),
  kind: v.picklist(API_KEY_KINDS),
});
export type ApiKeyCreateInput = v.InferOutput<typeof ApiKeyCreate>;
