import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';
import { firstSessionEvent, openStream, type EventStream } from './event-stream.ts';
import { metricValue } from './metric-value.ts';

// Live streams and slow clients, over real sockets, with small limits so the
// test sees them: 3 streams a session, 4 an address, headers within 400 ms.

let sys: TestSystem;
let tokenA: string;
let tokenB: string;
const open: EventStream[] = [];

async function stream(token: string): Promise<EventStream> {
  const s = await openStream(`${sys.ladepay.url}/s/${token}/events`);
  open.push(s);
  return s;
}

// Opens a socket, sends what it is given, and answers what came back once the server closed it.
function rawExchange(send: string): Promise<{ answer: string; closedAfterMs: number }> {
  const url = new URL(sys.ladepay.url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let answer = '';
    const socket = connect(Number(url.port), url.hostname, () => socket.write(send));
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (answer += d));
    socket.on('error', reject);
    socket.on('close', () => resolve({ answer, closedAfterMs: Date.now() - started }));
  });
}

beforeAll(async () => {
  sys = await startSystem({
    dialect: primaryDialect(),
    env: {
      SSE_STREAMS_PER_SESSION: '3',
      SSE_STREAMS_PER_ADDRESS: '4',
      HTTP_HEADERS_TIMEOUT_MS: '400',
      HTTP_REQUEST_TIMEOUT_MS: '800',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '300',
      HTTP_IDLE_TIMEOUT_MS: '1500',
    },
  });
  for (const [id, code] of [
    ['SSE-1', 'SSEAAA'],
    ['SSE-2', 'SSEBBB'],
  ] as const) {
    await sys.addStation(id, 'ocpp1.6', code);
    await sys.connect(id, 'ocpp1.6');
  }
  const a = await sys.ladepay.driver.startDropIn({ connectorCode: 'SSEAAA', maxAmountOre: 20_000, method: 'WALLET' });
  const b = await sys.ladepay.driver.startDropIn({ connectorCode: 'SSEBBB', maxAmountOre: 20_000, method: 'WALLET' });
  if (!a.ok || !b.ok) throw new Error('no sessions to watch');
  tokenA = a.token;
  tokenB = b.token;
});
afterAll(async () => {
  for (const s of open) s.close();
  await sys?.stop();
});

describe('live streams (SSE)', () => {
  it('refuses a session’s 4th stream with 429 and a message, and takes one again once a stream closes', async () => {
    const streams = [await stream(tokenA), await stream(tokenA), await stream(tokenA)];
    for (const s of streams) {
      expect(s.status).toBe(200);
      await firstSessionEvent(s);
    }
    const fourth = await stream(tokenA);
    expect(fourth.status).toBe(429);
    expect(fourth.res.headers['content-type']).toContain('application/json');
    expect(JSON.parse(await fourth.body())).toEqual({ error: 'too_many_streams', message: 'This session has 3 live views open already. Close one and reload.' });
    expect(await metricValue(sys.ladepay.url, 'ladepay_sse_streams')).toBe(3);

    streams[0]!.close();
    await eventually(async () => (await metricValue(sys.ladepay.url, 'ladepay_sse_streams')) === 2, 'the closed stream to be let go');
    const again = await stream(tokenA);
    expect(again.status).toBe(200);
    await firstSessionEvent(again);
  });

  it('refuses streams past the cap of one address, whichever session they watch', async () => {
    // Three to A are open from the last test; one to B makes four.
    const b = await stream(tokenB);
    expect(b.status).toBe(200);
    await firstSessionEvent(b);
    const fifth = await stream(tokenB);
    expect(fifth.status).toBe(429);
    expect(JSON.parse(await fifth.body())).toMatchObject({ error: 'too_many_streams', message: expect.stringContaining('from your address') });
    expect(await metricValue(sys.ladepay.url, 'ladepay_limit_refusals_total', { door: 'sse', limit: 'per_session' })).toBe(1);
    expect(await metricValue(sys.ladepay.url, 'ladepay_limit_refusals_total', { door: 'sse', limit: 'per_address' })).toBe(1);
    expect(await metricValue(sys.ladepay.url, 'ladepay_sse_streams')).toBe(4);
  });

  it('keeps a stream open past the idle timeout with heartbeats, and the stations’ WebSockets too', async () => {
    for (const s of open.splice(0)) s.close();
    await eventually(async () => (await metricValue(sys.ladepay.url, 'ladepay_sse_streams')) === 0, 'every stream let go');
    const watched = await stream(tokenA);
    await firstSessionEvent(watched);
    const started = Date.now();
    // Heartbeats come every half idle timeout; three of them span more than the 1.5 s timeout.
    let heartbeats = 0;
    while (heartbeats < 3) if ((await watched.next()).startsWith(': heartbeat')) heartbeats += 1;
    expect(Date.now() - started).toBeGreaterThan(1500);
    expect(watched.res.destroyed).toBe(false);
    expect(sys.ladepay.ocpp.connectedCount()).toBe(2);
    expect(await metricValue(sys.ladepay.url, 'ladepay_http_connections_cut_total', { reason: 'idle_timeout' })).toBe(0);
  });
});

describe('slow clients', () => {
  it('cuts a client that sends its headers too slowly with 408 after the configured timeout', async () => {
    const before = await metricValue(sys.ladepay.url, 'ladepay_http_connections_cut_total', { reason: 'request_timeout' });
    const { answer } = await rawExchange('GET /health/live HTTP/1.1\r\nHost: ladepay\r\nX-Slow: ');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(await metricValue(sys.ladepay.url, 'ladepay_http_connections_cut_total', { reason: 'request_timeout' })).toBe(before + 1);
  });

  it('cuts a client that connects and says nothing', async () => {
    const { answer } = await rawExchange('');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('cuts a body that does not arrive in time', async () => {
    const { answer } = await rawExchange('POST /console/login HTTP/1.1\r\nHost: ladepay\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=');
    expect(answer).toMatch(/408 Request Timeout/);
  });

  it('closes an idle keep-alive connection after its request', async () => {
    const { answer } = await rawExchange('GET /health/live HTTP/1.1\r\nHost: ladepay\r\nConnection: keep-alive\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
  });
});
