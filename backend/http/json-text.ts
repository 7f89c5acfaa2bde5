import type { Context } from 'hono';

/**
 * A 200 whose body is JSON text already written (the audit pages, which
 * SQLite serializes): the same response `c.json()` gives, without parsing
 * and re-serializing it.
 */
export function jsonText(c: Context, text: string): Response {
  return c.body(text, 200, { 'Content-Type': 'application/json' });
}
