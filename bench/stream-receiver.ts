import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkSignature } from '../backend/integration/signature';

/*
 * The delivery benchmark's webhook receiver on 127.0.0.1, as a security
 * team's collector would be: it checks each batch's signature, keeps every
 * event's arrival time (when the batch's body was fully read) and
 * deduplicates on the event id, as a receiver of at-least-once delivery must.
 */

export interface ReceivedEvent {
  id: string;
  seq: number;
  occurredAt: number;
  receivedAt: number;
}

export interface StreamReceiver {
  url: string;
  /** First arrival of each event, in arrival order. */
  events: ReceivedEvent[];
  batches: number;
  duplicates: number;
  /** Events that arrived with a lower seq than one already received. */
  outOfOrder: number;
  badSignatures: number;
  /** Set once the destination is created and its secret known. */
  secret: string | undefined;
  close(): Promise<void>;
}

export async function startStreamReceiver(): Promise<StreamReceiver> {
  const seen = new Set<string>();
  let highestSeq = 0;
  const receiver: StreamReceiver = {
    url: '',
    events: [],
    batches: 0,
    duplicates: 0,
    outOfOrder: 0,
    badSignatures: 0,
    secret: undefined,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const receivedAt = Date.now();
      const body = Buffer.concat(chunks).toString('utf8');
      const signature = req.headers['x-auditdesk-signature'];
      const check = receiver.secret === undefined ? { ok: false } : checkSignature(receiver.secret, typeof signature === 'string' ? signature : undefined, body, new Date(receivedAt));
      if (!check.ok) {
        receiver.badSignatures++;
        res.writeHead(401).end();
        return;
      }
      receiver.batches++;
      const batch = JSON.parse(body) as { events: Array<{ id: string; seq: number; occurredAt: string }> };
      for (const event of batch.events) {
        if (seen.has(event.id)) {
          receiver.duplicates++;
          continue;
        }
        seen.add(event.id);
        if (event.seq < highestSeq) receiver.outOfOrder++;
        highestSeq = Math.max(highestSeq, event.seq);
        receiver.events.push({ id: event.id, seq: event.seq, occurredAt: Date.parse(event.occurredAt), receivedAt });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/auditdesk-stream`;
  return receiver;
}
