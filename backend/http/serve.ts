import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer, type Http2Bindings, type HttpBindings } from '@hono/node-server';

/** How long the server waits for each part of a request, and how many sockets it holds. */
export interface ServerLimits {
  /**
   * A client must finish sending a request's headers within this. A client
   * that trickles them (or never finishes) would otherwise hold a socket for
   * Node's default minute; honest clients send headers in one packet.
   */
  headersTimeoutMs: number;
  /**
   * A client must finish sending the whole request (headers and a body of at
   * most 1 MiB) within this. Node measures only the receiving of the request:
   * a long response (the live audit stream, an export) is not cut by it.
   */
  requestTimeoutMs: number;
  /**
   * An idle keep-alive socket is closed after this; the extension's next
   * request opens a new one. Node's own default, written down so it is a choice.
   */
  keepAliveTimeoutMs: number;
  /**
   * Sockets open at once; past this, new connections are refused at accept.
   * Each open panel holds one stream: a thousand covers a large support floor
   * while keeping one process's memory and file descriptors bounded.
   */
  maxConnections: number;
  /**
   * How often Node looks for sockets past the header or request timeout: a
   * socket can outlive a timeout by up to this much (Node's default is 30 s).
   */
  timeoutCheckIntervalMs: number;
}

export const SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_000,
  timeoutCheckIntervalMs: 1_000,
};

type AppFetch = (request: Request, env: HttpBindings | Http2Bindings) => Response | Promise<Response>;

/**
 * A response sent before the request's body has all arrived (413, 415, a 401
 * before the body was read) says `Connection: close`. Otherwise the client,
 * told the socket stays open, sends its next request on a socket the Node
 * adapter resets while discarding the rest of the unread body: the client
 * gets ECONNRESET instead of an answer. With `close` the client reads this
 * response, then opens a new socket for the next request.
 */
function closingAfterUnreadBody(fetch: AppFetch): AppFetch {
  return async (request, env) => {
    const response = await fetch(request, env);
    if (env.incoming.complete) return response;
    try {
      response.headers.set('Connection', 'close');
      return response;
    } catch {
      // A response with immutable headers (one fetched from elsewhere): copy it.
      const copy = new Response(response.body, response);
      copy.headers.set('Connection', 'close');
      return copy;
    }
  };
}

export interface RunningServer {
  server: Server;
  /** The port it listens on (the one the OS chose when asked for 0). */
  port: number;
  /** Stops accepting connections; resolves once the open ones have ended. */
  close(): Promise<void>;
}

/**
 * Serves `app` over HTTP/1.1 with `limits`: the one place a server is made,
 * so the tests run the production settings (or smaller timeouts, to wait less).
 */
export function serveApp(
  app: { fetch: AppFetch },
  options: { port: number; hostname: string; limits?: Partial<ServerLimits> },
): Promise<RunningServer> {
  const limits = { ...SERVER_LIMITS, ...options.limits };
  const server = createAdaptorServer({
    fetch: closingAfterUnreadBody(app.fetch),
    hostname: options.hostname,
    serverOptions: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.timeoutCheckIntervalMs,
    },
  }) as Server;
  server.maxConnections = limits.maxConnections;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.hostname, () => {
      server.off('error', reject);
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
