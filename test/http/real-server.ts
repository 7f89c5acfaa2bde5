import http from 'node:http';
import net from 'node:net';
import { serveApp, type RunningServer, type ServerLimits } from '../../backend/http/serve';
import type { TestWorkspace } from '../support/harness';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface RealServer {
  port: number;
  url(path: string): string;
  /**
   * One request over node:http, the body written as given (no header added
   * but what node:http adds itself). A socket error is returned as its code,
   * so a test can count answers and resets alike.
   */
  send(options: http.RequestOptions, body?: string | Buffer): Promise<Answer | { error: string }>;
  /**
   * Writes `head` (request line and headers, without the blank line) as-is
   * on a new socket, as curl would send it, and reads the answer to the end.
   */
  sendRaw(head: string): Promise<Answer>;
  close(): Promise<void>;
}

/** The test workspace's app served over real HTTP on 127.0.0.1, with the production server settings unless `limits` says otherwise. */
export async function startRealServer(ws: TestWorkspace, limits: Partial<ServerLimits> = {}): Promise<RealServer> {
  const running: RunningServer = await serveApp(ws.app, { port: 0, hostname: '127.0.0.1', limits });
  return {
    port: running.port,
    url: (path) => `http://127.0.0.1:${running.port}${path}`,
    send: (options, body) =>
      new Promise((resolve) => {
        const req = http.request({ host: '127.0.0.1', port: running.port, ...options }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
          res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
        });
        req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
        if (body === undefined) req.end();
        else req.end(body);
      }),
    sendRaw: (head) =>
      new Promise((resolve, reject) => {
        const socket = net.connect(running.port, '127.0.0.1');
        let raw = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => (raw += chunk));
        socket.on('error', reject);
        socket.on('end', () => resolve(parseAnswer(raw)));
        socket.write(`${head}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      }),
    close: () => {
      // Streams a test left open would hold close() for ever.
      running.server.closeAllConnections();
      return running.close();
    },
  };
}

/** The error code of a JSON error answer, or what went wrong instead. */
export function errorCodeOf(answer: Answer | { error: string }): string {
  if ('error' in answer) return `socket ${answer.error}`;
  try {
    return `${answer.status} ${(JSON.parse(answer.text) as { error: { code: string } }).error.code}`;
  } catch {
    return `${answer.status} (not a JSON error)`;
  }
}

/** A whole HTTP/1.1 answer read off a socket (a Content-Length body, as the API sends). */
function parseAnswer(raw: string): Answer {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: http.IncomingHttpHeaders = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, text: rest.join('\r\n\r\n') };
}
