import { request as httpRequest, type IncomingMessage } from 'node:http';

export interface EventStream {
  status: number;
  res: IncomingMessage;
  // The next block (an event, a comment, the retry line); waits for it.
  next(): Promise<string>;
  // The whole body, for an answer that is not a stream.
  body(): Promise<string>;
  close(): void;
}

// A GET over a socket of its own, read block by block as an EventSource would.
export function openStream(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      let buffer = '';
      let all = '';
      const blocks: string[] = [];
      const waiting: Array<(block: string) => void> = [];
      const ended = new Promise<string>((r) => res.once('end', () => r(all)));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        all += chunk;
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const waiter = waiting.shift();
          if (waiter) waiter(block);
          else blocks.push(block);
        }
      });
      resolve({
        status: res.statusCode ?? 0,
        res,
        next: () => new Promise((r) => (blocks.length > 0 ? r(blocks.shift() as string) : waiting.push(r))),
        body: () => ended,
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

// Waits for the stream's first `event: session`.
export async function firstSessionEvent(stream: EventStream): Promise<{ version: number }> {
  for (;;) {
    const block = await stream.next();
    const data = /^event: session\ndata: (.+)$/m.exec(block)?.[1];
    if (data) return JSON.parse(data) as { version: number };
  }
}
