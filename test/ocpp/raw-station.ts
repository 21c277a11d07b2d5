import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import WebSocket from 'ws';

export type Frame = unknown[];

export interface RawStation {
  ws: WebSocket;
  protocol: string;
  frames: Frame[]; // every frame received, in order
  sendRaw(text: string): void;
  send(frame: Frame): void;
  // Sends a CALL and resolves with the CALLRESULT or CALLERROR that answers it.
  call(action: string, payload: unknown): Promise<Frame>;
  // Resolves with the first received frame (past or future) that matches.
  next(match: (frame: Frame) => boolean): Promise<Frame>;
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

function basicAuth(stationId: string, password: string): string {
  return 'Basic ' + Buffer.from(`${stationId}:${password}`).toString('base64');
}

// A station as bare as it gets: a WebSocket that sends whatever the test says,
// for frames no well-behaved OCPP client library would produce.
export async function openRawStation(
  ocppUrl: string,
  stationId: string,
  opts: { password: string; protocols: string[] },
): Promise<RawStation> {
  const ws = new WebSocket(`${ocppUrl}/${encodeURIComponent(stationId)}`, opts.protocols, {
    headers: { authorization: basicAuth(stationId, opts.password) },
  });
  const frames: Frame[] = [];
  const waiters: { match: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Frame;
    frames.push(frame);
    for (const w of [...waiters]) {
      if (w.match(frame)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
    }
  });
  const closed = once(ws, 'close').then(([code, reason]) => ({ code: Number(code), reason: String(reason) }));
  await once(ws, 'open');

  const next = (match: (frame: Frame) => boolean) => {
    const seen = frames.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise<Frame>((resolve) => waiters.push({ match, resolve }));
  };

  return {
    ws,
    protocol: ws.protocol,
    frames,
    sendRaw: (text) => ws.send(text),
    send: (frame) => ws.send(JSON.stringify(frame)),
    call(action, payload) {
      const id = randomUUID();
      const answer = next((f) => (f[0] === 3 || f[0] === 4) && f[1] === id);
      ws.send(JSON.stringify([2, id, action, payload]));
      return answer;
    },
    next,
    closed,
    async close() {
      if (ws.readyState === WebSocket.CLOSED) return;
      ws.close(1000);
      await closed;
    },
  };
}

// The HTTP status the upgrade is answered with (101 when it succeeds).
export async function upgradeStatus(
  url: string,
  opts: { stationId?: string; password?: string; protocols?: string[] } = {},
): Promise<number> {
  return (await upgradeResponse(url, opts)).status;
}

export async function upgradeResponse(
  url: string,
  opts: { stationId?: string; password?: string; protocols?: string[] } = {},
): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  const headers: Record<string, string> = {};
  if (opts.stationId !== undefined && opts.password !== undefined) {
    headers.authorization = basicAuth(opts.stationId, opts.password);
  }
  const ws = new WebSocket(url, opts.protocols ?? [], { headers });
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
      res.resume();
      ws.terminate();
    });
    ws.once('upgrade', (res) => {
      resolve({ status: 101, headers: res.headers });
      ws.once('open', () => ws.close());
    });
    ws.once('error', (err) => reject(err));
  });
}
