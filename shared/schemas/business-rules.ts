import * as v from 'valibot';
import { JsonObject, SafeString, Text } from './common';

/** A description may be left empty; a name may not. */
const Description = v.pipe(SafeString, v.trim(), v.maxLength(2000));

/**
 * Trigger, criteria and actions are rule documents the rule editor owns; the
 * API keeps and audits them as whole values (the log shows each version).
 */
const businessRuleFields = {
  name: Text(200),
  description: Description,
  trigger: JsonObject(16_384),
  criteria: JsonObject(16_384),
  actions: v.pipe(v.array(JsonObject(16_384)), v.maxLength(50)),
};

/** POST /business-rules. A new rule starts turned off unless `enabled` says otherwise. */
export const BusinessRuleCreate = v.strictObject({
  name: businessRuleFields.name,
  description: v.optional(businessRuleFields.description, ''),
  enabled: v.optional(v.boolean(), false),
  trigger: businessRuleFields.trigger,
  criteria: v.optional(businessRuleFields.criteria, {}),
  actions: v.optional(businessRuleFields.actions, []),
});

/** PATCH /business-rules/:id. Turning a rule on or off goes through /enable and /disable. */
export const BusinessRulePatch = v.partial(v.strictObject(businessRuleFields));

export type BusinessRuleCreateInput = v.InferOutput<typeof BusinessRuleCreate>;
export type BusinessRulePatchInput = v.InferOutput<typeof BusinessRulePatch>;
