import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MERCHANT, SimulatorClock, startVippsSimulator } from './index.ts';
import { aCreateBody, VippsTestClient } from './vipps-test-client.ts';
import type { VippsSimulator } from './index.ts';

// What the simulator keeps for whoever checks a merchant from outside: the GETs it answered,
// the payment behind a phone page, and how often each fault fired.

const clock = new SimulatorClock({ frozenAt: new Date('2026-06-01T09:00:00.000Z') });
let sim: VippsSimulator;
let client: VippsTestClient;
let counter = 0;

beforeAll(async () => {
  sim = await startVippsSimulator({ clock });
  client = new VippsTestClient(sim.url, DEMO_MERCHANT);
  await client.fetchToken();
});
afterAll(() => sim.stop());

async function created(): Promise<string> {
  const reference = `reads-ref-${String(++counter).padStart(4, '0')}`;
  const answer = await client.call('epayment', 'POST', '/epayment/v1/payments', { body: aCreateBody(reference), idempotencyKey: `reads-${counter}` });
  expect(answer.status).toBe(201);
  return reference;
}

const get = (reference: string) => client.call('epayment', 'GET', '/epayment/v1/payments/{reference}', { params: { reference } });

describe('read log, phone look-up and fault counts', () => {
  it('keeps each GET answered, with its time and the state it gave, but not the events list nor a lost answer', async () => {
    const reference = await created();
    expect((await get(reference)).status).toBe(200);
    clock.advance(5_000);
    sim.phone.approve(reference);
    expect((await get(reference)).status).toBe(200);
    expect((await client.call('epayment', 'GET', '/epayment/v1/payments/{reference}/events', { params: { reference } })).status).toBe(200);
    sim.faults.set({ answerLost: { epayment: { next: 1 } } });
    expect((await get(reference)).status).toBe(500);
    expect(sim.books(reference)?.reads).toEqual([
      { at: '2026-06-01T09:00:00.000Z', state: 'CREATED' },
      { at: '2026-06-01T09:00:05.000Z', state: 'AUTHORIZED' },
    ]);
    expect(sim.faults.fired()).toMatchObject({ 'answerLost.epayment': 1 });
  });

  it('finds the payment behind a phone page by its URL or token', async () => {
    const reference = await created();
    const phoneUrl = sim.books(reference)?.phoneUrl ?? '';
    expect(sim.paymentOfPhone(phoneUrl)).toEqual({ msn: DEMO_MERCHANT.msn, reference });
    expect(sim.paymentOfPhone(new URL(phoneUrl).searchParams.get('token') ?? '')).toEqual({ msn: DEMO_MERCHANT.msn, reference });
    expect(sim.paymentOfPhone(`${sim.url}/phone/nope`)).toBeUndefined();
    expect(sim.paymentOfPhone(`${sim.url}/phone/?token=nope`)).toBeUndefined();
  });

  it('counts the webhook and API faults that fired', async () => {
    sim.faults.set({ serverError: { epayment: { next: 2 } } });
    const reference = `reads-ref-${String(++counter).padStart(4, '0')}`;
    for (let i = 0; i < 2; i++) {
      const answer = await client.call('epayment', 'POST', '/epayment/v1/payments', { body: aCreateBody(reference), idempotencyKey: `reads-x-${counter}` });
      expect(answer.status).toBe(500);
    }
    expect(sim.faults.fired()['serverError.epayment']).toBe(2);
  });
});
