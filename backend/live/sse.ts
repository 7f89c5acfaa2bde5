/**
 * Server-Sent Events framing (the WHATWG EventSource format). A frame ends
 * with a blank line; `data` must not contain a line break, which holds for
 * JSON.stringify output (it escapes CR and LF inside strings).
 */

/** One event: the browser's EventSource dispatches it as `event` and remembers `id` for Last-Event-ID. */
export function sseEvent(id: string, event: string, data: string): string {
  return `id: ${id}\nevent: ${event}\ndata: ${data}\n\n`;
}

/** A comment: ignored by clients, it keeps proxies and load balancers from closing an idle stream. */
export function sseComment(text: string): string {
  return `: ${text}\n\n`;
}

/** How long a client waits before reconnecting after the stream drops. */
export function sseRetry(ms: number): string {
  return `retry: ${ms}\n\n`;
}
