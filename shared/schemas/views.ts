import * as v from 'valibot';
import { AuditFilterQuery } from './audit';
import { Text } from './common';
import { SafeString } from './safe-string';

/** The longest filter a view keeps, in its query parameter form. */
export const VIEW_FILTER_MAX_LENGTH = 4_000;

/**
 * A query string as the log's routes receive it: one value as a string, a
 * repeated parameter as the list of its values (what the HTTP edge hands the
 * filter schema), so a view's filter is judged exactly as the same filter
 * sent to GET /audit.
 */
export function queryObjectOf(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}

/**
 * A view's filter: the log's query parameters (`category=settings&event=update`,
 * no `limit` or `cursor`), valid for GET /audit, kept in the
 * normalized encoding of URLSearchParams. The empty string is the whole log.
 */
export const ViewFilter = v.pipe(
  SafeString,
  v.maxLength(VIEW_FILTER_MAX_LENGTH),
  v.transform((text) => new URLSearchParams(text.startsWith('?') ? text.slice(1) : text).toString()),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const result = v.safeParse(AuditFilterQuery, queryObjectOf(new URLSearchParams(dataset.value)));
    if (result.success) return;
    for (const issue of result.issues) {
      const param = issue.path?.map((p) => String(p.key)).join('.');
      addIssue({ message: param ? `${param}: ${issue.message}` : issue.message });
    }
  }),
);

const viewFields = {
  name: Text(120),
  filter: ViewFilter,
  /** Shared with the workspace: everyone signed in sees it, each within their role. */
  shared: v.boolean(),
  /** The caller's own default: the view the log opens on when its address names no filter. */
  default: v.boolean(),
};

/** POST /views: a new view of the caller's, private and not the default unless said. */
export const ViewCreate = v.strictObject({
  name: viewFields.name,
  filter: viewFields.filter,
  shared: v.optional(viewFields.shared, false),
  default: v.optional(viewFields.default, false),
});

/**
 * PATCH /views/:id. The owner changes name, filter and sharing; anyone who
 * sees the view may make it (or stop it being) their own default.
 */
export const ViewPatch = v.partial(v.strictObject(viewFields));

export type ViewCreateInput = v.InferOutput<typeof ViewCreate>;
export type ViewPatchInput = v.InferOutput<typeof ViewPatch>;
