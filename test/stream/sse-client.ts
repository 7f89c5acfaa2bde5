import type { Server } from 'node:http';
import { serveApp } from '../../backend/http/serve';
import type { AuditEvent } from '../../shared/audit-event';

export interface Frame {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

export interface SseClient {
  status: number;
  response: Response;
  /** The next frame, or null if none arrives within `timeoutMs`. */
  nextFrame(timeoutMs?: number): Promise<Frame | null>;
  /** The next `audit` event (comments skipped), or null if none arrives within `timeoutMs`. */
  nextEvent(timeoutMs?: number): Promise<(AuditEvent & { frameId: string }) | null>;
  close(): void;
}

/** A real HTTP server on 127.0.0.1 and a free port, with the production server settings. */
export async function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<{ url: string; server: Server }> {
  const running = await serveApp({ fetch }, { port: 0, hostname: '127.0.0.1' });
  return { url: `http://127.0.0.1:${running.port}`, server: running.server };
}

/** Stops a server of `listen`, open live streams included. */
export function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** Opens an SSE stream with fetch and reads it frame by frame. */
export async function openStream(url: string, token: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  const frames: Frame[] = [];

  const parse = () => {
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const frame: Frame = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) frame.comment = line.slice(1).trim();
        else {
          const colon = line.indexOf(':');
          const key = line.slice(0, colon) as 'id' | 'event' | 'data' | 'retry';
          if (key !== 'retry') frame[key] = line.slice(colon + 2);
        }
      }
      if (frame.id || frame.event || frame.data || frame.comment) frames.push(frame);
    }
  };

  const nextFrame = async (timeoutMs = 2_000): Promise<Frame | null> => {
    const deadline = Date.now() + timeoutMs;
    while (frames.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0) return null;
      pending ??= reader.read();
      let timer: NodeJS.Timeout | undefined;
      const result = await Promise.race([pending, new Promise<null>((r) => (timer = setTimeout(() => r(null), left)))]);
      clearTimeout(timer);
      if (result === null) return null;
      pending = null;
      if (result.done) return null;
      buffer += decoder.decode(result.value, { stream: true });
      parse();
    }
    return frames.shift()!;
  };

  return {
    status: response.status,
    response,
    nextFrame,
    async nextEvent(timeoutMs = 2_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const frame = await nextFrame(Math.max(0, deadline - Date.now()));
        if (!frame) return null;
        if (frame.event === 'audit') return { ...(JSON.parse(frame.data!) as AuditEvent), frameId: frame.id! };
      }
    },
    close() {
      abort.abort();
    },
  };
}
