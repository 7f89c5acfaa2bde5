import http from 'node:http';
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SERVER_LIMITS, serveApp } from '../../backend/http/serve';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { startRealServer, type RealServer } from './real-server';

/** The production timeouts scaled down, so the test waits a second instead of a minute. */
const SMALL = { headersTimeoutMs: 300, requestTimeoutMs: 600, timeoutCheckIntervalMs: 100 };

let ws: TestWorkspace;
let server: RealServer;
beforeEach(async () => {
  ws = await createTestWorkspace();
  server = await startRealServer(ws, SMALL);
});
afterEach(async () => {
  await server.close();
  ws.close();
});

/** Opens a socket, sends `text` and never more; resolves with how long the server kept the socket open. */
function halfSentRequest(text: string): Promise<number> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(server.port, '127.0.0.1', () => socket.write(text));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Date.now() - started));
    socket.resume();
  });
}

describe('the server', () => {
  it('is made with timeouts far below Node’s defaults and a connection cap', async () => {
    const running = await serveApp(ws.app, { port: 0, hostname: '127.0.0.1' });
    try {
      expect(running.server.headersTimeout).toBe(SERVER_LIMITS.headersTimeoutMs);
      expect(running.server.requestTimeout).toBe(SERVER_LIMITS.requestTimeoutMs);
      expect(running.server.headersTimeout).toBeLessThanOrEqual(10_000);
      expect(running.server.requestTimeout).toBeLessThanOrEqual(30_000);
      expect(running.server.maxConnections).toBe(SERVER_LIMITS.maxConnections);
    } finally {
      await running.close();
    }
  });

  it('closes a connection whose request headers never finish within the header timeout', async () => {
    const openFor = await halfSentRequest(`GET /api/v1/customers HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ws.tokens.agent}\r\n`);
    expect(openFor).toBeGreaterThanOrEqual(SMALL.headersTimeoutMs - 50);
    expect(openFor).toBeLessThan(SMALL.headersTimeoutMs + SMALL.timeoutCheckIntervalMs + 500);
  });

  it('closes a connection whose request body never finishes within the request timeout', async () => {
    const head = `POST /api/v1/customers HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ws.tokens.agent}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"name":`;
    const openFor = await halfSentRequest(head);
    expect(openFor).toBeLessThan(SMALL.requestTimeoutMs + SMALL.timeoutCheckIntervalMs + 500);
  });

  it('keeps a live audit stream open past the request timeout and delivers a change made after it', async () => {
    const received: string[] = [];
    let closed = false;
    const request = http.get(server.url('/api/v1/audit/stream'), { headers: { authorization: `Bearer ${ws.tokens.agent}` } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => received.push(chunk));
      res.on('close', () => (closed = true));
    });
    request.on('error', () => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, SMALL.requestTimeoutMs * 3));

    const created = await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Late Arrival' } });
    const { id } = (await created.json()) as { id: string };
    await expect.poll(() => received.join(''), { timeout: 3_000 }).toContain(id);
    expect(closed).toBe(false);
    request.destroy();
  });
});
