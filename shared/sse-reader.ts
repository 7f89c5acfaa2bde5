/*
 * Reads a Server-Sent Events body (the WHATWG EventSource format) from a
 * fetch response, for the places EventSource cannot go: it sends no
 * Authorization header and cannot be told where to resume in a header.
 */

/** One dispatched event. `id` is the last id seen on the stream (it carries over, as in EventSource). */
export interface ServerSentEvent {
  event: string;
  data: string;
  id: string | null;
}

/**
 * Yields the events of an SSE body as they arrive. Comments and `retry:`
 * lines are skipped; an event without data is not dispatched (the spec's
 * rule). Cancelling the iteration (break, or the fetch's signal aborting)
 * releases the body.
 */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const frame = new SseFrame();
  let buffered = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffered += decoder.decode(value, { stream: true });
      // A line ends at CRLF, LF or CR; a trailing CR may be the first half of a CRLF, so it waits.
      const lines = buffered.split(/\r\n|\n|\r(?!$)/);
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const event = frame.take(line);
        if (event) yield event;
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** The event being assembled line by line. */
class SseFrame {
  private event = '';
  private data: string[] = [];
  private lastId: string | null = null;

  /** Feeds one line; returns the event a blank line completes. */
  take(line: string): ServerSentEvent | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.lastId = value;
    return null;
  }

  private dispatch(): ServerSentEvent | null {
    const data = this.data;
    const event = this.event || 'message';
    this.data = [];
    this.event = '';
    return data.length === 0 ? null : { event, data: data.join('\n'), id: this.lastId };
  }
}
