import http from 'node:http';

/**
 * The read benchmark's HTTP client: node:http on one keep-alive connection.
 * The load generator shares this 2-core machine with the server, and each
 * request's latency includes the client's own work: fetch (undici) spent
 * ~2 ms of CPU per 50-event page here, node:http ~0.9 ms (same server, same
 * requests, measured with server and client CPU times side by side).
 */
export interface BenchClient {
  /** GET with a bearer token; the whole body as text, with the status. */
  get(path: string, token: string): Promise<{ status: number; body: string }>;
  /** GET with a bearer token, handing each body chunk to `onChunk` as it arrives; the status. */
  stream(path: string, token: string, onChunk: (chunk: Buffer) => void): Promise<number>;
  close(): void;
}

export function benchClient(baseUrl: string): BenchClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const request = (path: string, token: string, onChunk: (chunk: Buffer) => void) =>
    new Promise<number>((resolve, reject) => {
      const req = http.get(`${baseUrl}${path}`, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
        res.on('data', onChunk);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      req.on('error', reject);
    });
  return {
    async get(path, token) {
      const chunks: Buffer[] = [];
      const status = await request(path, token, (chunk) => chunks.push(chunk));
      return { status, body: Buffer.concat(chunks).toString('utf8') };
    },
    stream: request,
    close: () => agent.destroy(),
  };
}
