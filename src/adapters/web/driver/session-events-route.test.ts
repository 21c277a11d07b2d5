import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHARGING_TOKEN, buildDriverTestApp } from '../../../../test/browser/driver-test-app.ts';
import type { ScriptedDriverActions } from '../../../../test/browser/scripted-driver-actions.ts';
import { WAIT_LIMIT_MS } from '../../../../test/support/eventually.ts';

let app: FastifyInstance;
let actions: ScriptedDriverActions;
let base: string;

beforeAll(async () => {
  ({ app, actions } = await buildDriverTestApp({ heartbeatMs: 50 }));
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
});

// Reads an event stream chunk by chunk; next() waits for the next complete block.
function openStream(path: string): Promise<{ res: IncomingMessage; next: () => Promise<string>; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { headers: { accept: 'text/event-stream' } }, (res) => {
      let buffer = '';
      const blocks: string[] = [];
      const waiting: Array<(block: string) => void> = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
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
        res,
        next: () => new Promise((r) => (blocks.length > 0 ? r(blocks.shift() as string) : waiting.push(r))),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

async function nextEvent(stream: { next: () => Promise<string> }): Promise<{ event: string; data: unknown }> {
  for (;;) {
    const block = await stream.next();
    const event = /^event: (.+)$/m.exec(block)?.[1];
    const data = /^data: (.+)$/m.exec(block)?.[1];
    if (event && data) return { event, data: JSON.parse(data) };
  }
}

describe('GET /s/:token/events', () => {
  it('sends the session at once and again on every change, with heartbeats, and lets go when the client does', async () => {
    const stream = await openStream(`/s/${CHARGING_TOKEN}/events`);
    expect(stream.res.statusCode).toBe(200);
    expect(stream.res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.res.headers['cache-control']).toBe('no-store');
    expect(stream.res.headers['content-encoding']).toBeUndefined();
    expect(stream.res.headers['content-security-policy']).toContain("default-src 'self'");

    const first = await nextEvent(stream);
    expect(first.event).toBe('session');
    expect(first.data).toMatchObject({ token: CHARGING_TOKEN, energyWh: 12_340, version: 1 });

    actions.update(CHARGING_TOKEN, { energyWh: 15_000, runningCostOre: 8485 });
    const second = await nextEvent(stream);
    expect(second.data).toMatchObject({ energyWh: 15_000, runningCostOre: 8485, version: 2 });

    let sawHeartbeat = false;
    while (!sawHeartbeat) sawHeartbeat = (await stream.next()).startsWith(': heartbeat');

    expect(actions.listenerCount(CHARGING_TOKEN)).toBe(1);
    stream.close();
    await vi.waitFor(() => expect(actions.listenerCount(CHARGING_TOKEN)).toBe(0), { timeout: WAIT_LIMIT_MS });
  });

  it('does not repeat a version already sent', async () => {
    const stream = await openStream(`/s/${CHARGING_TOKEN}/events`);
    const first = (await nextEvent(stream)).data as { version: number };
    actions.resend(CHARGING_TOKEN);
    actions.update(CHARGING_TOKEN, { powerW: 11_000 });
    const next = (await nextEvent(stream)).data as { version: number; powerW: number };
    expect(next.version).toBe(first.version + 1);
    expect(next.powerW).toBe(11_000);
    stream.close();
  });

  it('carries the figures formatted as the page shows them, so the page script formats nothing', async () => {
    const stream = await openStream(`/s/${CHARGING_TOKEN}/events`);
    await nextEvent(stream);
    actions.update(CHARGING_TOKEN, { energyWh: 1_234_560, powerW: 7400, runningCostOre: 123_450, maxAmountOre: 200_000 });
    const next = (await nextEvent(stream)).data as { shown: unknown };
    expect(next.shown).toEqual({ energy: '1\u00a0234,56\u00a0kWh', power: '7,4\u00a0kW', runningCost: '1\u00a0234,50\u00a0kr', maxAmount: '2\u00a0000,00\u00a0kr' });
    stream.close();
  });

  it('answers 404 for an unknown token and subscribes to nothing', async () => {
    const res = await fetch(`${base}/s/tok_doesnotexist000/events`);
    expect(res.status).toBe(404);
    expect(actions.listenerCount('tok_doesnotexist000')).toBe(0);
  });
});
