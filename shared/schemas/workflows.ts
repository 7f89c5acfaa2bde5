import * as v from 'valibot';
import { JsonObject, SafeString, Text } from './common';

const Description = v.pipe(SafeString, v.trim(), v.maxLength(2000));

/** Triggers, variables and steps are documents the workflow editor owns, audited as whole values. */
const workflowFields = {
  name: Text(200),
  description: Description,
  triggers: v.pipe(v.array(JsonObject(16_384)), v.maxLength(20)),
  variables: JsonObject(16_384),
  steps: v.pipe(v.array(JsonObject(16_384)), v.maxLength(200)),
};

/** POST /workflows. A new workflow starts turned off unless `enabled` says otherwise. */
export const WorkflowCreate = v.strictObject({
  name: workflowFields.name,
  description: v.optional(workflowFields.description, ''),
  enabled: v.optional(v.boolean(), false),
  triggers: v.optional(workflowFields.triggers, []),
  variables: v.optional(workflowFields.variables, {}),
  steps: v.optional(workflowFields.steps, []),
});

/** PATCH /workflows/:id. Turning a workflow on or off goes through /enable and /disable. */
export const WorkflowPatch = v.partial(v.strictObject(workflowFields));

export type WorkflowCreateInput = v.InferOutput<typeof WorkflowCreate>;
export type WorkflowPatchInput = v.InferOutput<typeof WorkflowPatch>;
