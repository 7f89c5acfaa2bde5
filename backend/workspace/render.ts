import type { Context } from 'hono';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Answers with a whole HTML page (JSX has no doctype of its own). */
export async function render(c: Context, page: HtmlEscapedString | Promise<HtmlEscapedString>, status: ContentfulStatusCode = 200) {
  return c.html(`<!doctype html>${await page}`, status);
}
