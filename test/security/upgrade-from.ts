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

export function countBy<T>(items: T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}
