import * as v from 'valibot';
import { IdList, JsonObject, SafeString, Text } from './common';

/** A badge colour as #rrggbb. */
const HexColor = v.pipe(SafeString, v.trim(), v.toLowerCase(), v.regex(/^#[0-9a-f]{6}$/, 'must be a colour like #1a2b3c'));
/** An icon's short name from the icon set, e.g. `inbox` or `alert-circle`. */
const IconName = v.pipe(SafeString, v.trim(), v.regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be an icon name like inbox or alert-circle'));
/** A column shown in the search's result list, by attribute path (e.g. `status`, `custom.plan`). */
const Column = v.pipe(SafeString, v.trim(), v.regex(/^[A-Za-z][A-Za-z0-9_.]{0,99}$/, 'must be an attribute name'));

const savedSearchFields = {
  name: Text(200),
  query: JsonObject(16_384),
  badgeEnabled: v.boolean(),
  badgeColor: v.nullable(HexColor),
  icon: v.nullable(IconName),
  visibleByDefault: v.boolean(),
  visibleToUsers: IdList,
  visibleToTeams: IdList,
  columns: v.pipe(v.array(Column), v.maxLength(30), v.transform((cs) => [...new Set(cs)])),
};

/** POST /saved-searches. A new search is on unless `enabled` says otherwise. */
export const SavedSearchCreate = v.strictObject({
  name: savedSearchFields.name,
  query: savedSearchFields.query,
  enabled: v.optional(v.boolean(), true),
  badgeEnabled: v.optional(savedSearchFields.badgeEnabled, false),
  badgeColor: v.optional(savedSearchFields.badgeColor, null),
  icon: v.optional(savedSearchFields.icon, null),
  visibleByDefault: v.optional(savedSearchFields.visibleByDefault, false),
  visibleToUsers: v.optional(savedSearchFields.visibleToUsers, []),
  visibleToTeams: v.optional(savedSearchFields.visibleToTeams, []),
  columns: v.optional(savedSearchFields.columns, []),
});

/** PATCH /saved-searches/:id: the search settings page. On/off goes through /enable and /disable. */
export const SavedSearchPatch = v.partial(v.strictObject(savedSearchFields));

export type SavedSearchCreateInput = v.InferOutput<typeof SavedSearchCreate>;
export type SavedSearchPatchInput = v.InferOutput<typeof SavedSearchPatch>;
