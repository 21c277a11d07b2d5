import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import WebSocket from 'ws';

// One OCPP upgrade attempt from a given local address (anything in 127/8 on
// Linux), so that a test can be a station and an attacker at once. Resolves
// with the HTTP status: 101 when it got in (the socket is closed at once).
export function upgradeFrom(
  ocppUrl: string,
  o: { stationId: string; password: string | Buffer; localAddress: string; protocol?: string },
): Promise<number> {
  const secret = typeof o.password === 'string' ? Buffer.from(o.password, 'utf8') : o.password;
  const ws = new WebSocket(`${ocppUrl}/${encodeURIComponent(o.stationId)}`, [o.protocol ?? 'ocpp1.6'], {
    localAddress: o.localAddress,
    headers: { authorization: 'Basic ' + Buffer.concat([Buffer.from(`${o.stationId}:`), secret]).toString('base64') },
  });
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('upgrade', () => {
      resolve(101);
      ws.once('open', () => ws.close());
    });
    ws.once('error', reject);
  });
}

// The same attempt as bare bytes on a TCP socket: only the status line is
// read. Cheap enough for thousands of guesses in a test.
export function rawUpgradeFrom(ocppUrl: string, o: { stationId: string; password: string; localAddress: string }): Promise<number> {
  const url = new URL(`${ocppUrl}/${encodeURIComponent(o.stationId)}`);
  const auth = Buffer.from(`${o.stationId}:${o.password}`).toString('base64');
  const request =
    `GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ocpp1.6\r\n` +
    `Authorization: Basic ${auth}\r\n\r\n`;
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port), localAddress: o.localAddress }, () => socket.write(request));
    let head = '';
    socket.on('data', (chunk) => {
      head += chunk.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1];
      if (status) {
        resolve(Number(status));
        socket.destroy();
      }
    });
    socket.once('error', reject);
    socket.once('close', () => resolve(0));
  });
}

export function countBy<T>(items: T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}
