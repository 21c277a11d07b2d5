import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';

// An independent webhook receiver for tests: a bare node:http server that keeps the raw bytes and
// re-derives the HMAC itself (docs/vipps-contract.md §17), without using the simulator's signer.

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  json: Record<string, unknown>;
}

/** What to answer request number `index` (0-based): a status, or 'hang' to never answer. */
export type Responder = (index: number, received: ReceivedWebhook) => number | 'hang';

export interface WebhookReceiver {
  url(path?: string): string;
  received: ReceivedWebhook[];
  respond: Responder;
  stop(): Promise<void>;
}

export async function startWebhookReceiver(respond: Responder = () => 200): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const receiver = { received, respond } as WebhookReceiver;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const entry: ReceivedWebhook = { path: req.url ?? '', headers: req.headers, raw, json: JSON.parse(raw.toString('utf8')) as Record<string, unknown> };
      const index = received.length;
      received.push(entry);
      const answer = receiver.respond(index, entry);
      if (answer === 'hang') return;
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  receiver.url = (path = '/hooks/vipps') => `http://127.0.0.1:${port}${path}`;
  receiver.stop = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return receiver;
}

/** True when the delivery carries a valid Vipps signature for this secret and registered URL. */
export function verifyVippsSignature(webhook: ReceivedWebhook, secret: string, registeredUrl: string): boolean {
  const url = new URL(registeredUrl);
  const contentHash = createHash('sha256').update(webhook.raw).digest('base64');
  if (webhook.headers['x-ms-content-sha256'] !== contentHash) return false;
  const date = String(webhook.headers['x-ms-date'] ?? '');
  const message = ['POST', `${url.pathname}${url.search}`, [date, url.host, contentHash].join(';')].join('\n');
  const expected = `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${createHmac('sha256', secret).update(message).digest('base64')}`;
  const actual = Buffer.from(String(webhook.headers['authorization'] ?? ''));
  return actual.length === Buffer.byteLength(expected) && timingSafeEqual(actual, Buffer.from(expected));
}
