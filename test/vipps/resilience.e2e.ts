import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { VippsSimulator } from '../../simulators/vipps/index.ts';
import { recordedClient, startSimulatorTarget, uniqueReference, type ContractTarget, type RecordedClient } from './contract-targets.ts';

// Simulator only: these need its fault switches. Every retry must reuse the
// Idempotency-Key, so however the answer got lost the books show one operation.

describe('idempotent retries against the simulator\'s faults', () => {
  let target: ContractTarget & { sim: VippsSimulator };
  let sim: VippsSimulator;
  let recorded: RecordedClient;

  beforeAll(async () => {
    target = await startSimulatorTarget();
    sim = target.sim;
    recorded = recordedClient(target.config());
    await recorded.client.token.get();
  });
  afterEach(() => {
    sim.faults.reset();
  });
  afterAll(async () => {
    await target?.stop();
  });

  const client = () => recorded.client;

  async function authorized(label: string): Promise<string> {
    const reference = uniqueReference(label);
    const created = await client().epayment.create({ reference, amountOre: 50_000, idempotencyKey: `create-${reference}`, returnUrl: 'https://ladepay.example/s/r' });
    if (!created.ok) throw new Error(JSON.stringify(created.failure));
    await target.approve(client(), reference);
    return reference;
  }

  function statusesOf(operation: string, from: number): (number | 'network')[] {
    return recorded.observed.slice(from).filter((o) => o.operation === operation).map((o) => o.status);
  }

  function bookedEvents(reference: string, name: string) {
    return (sim.books(reference)?.events ?? []).filter((event) => event.name === name && event.success);
  }

  async function captureUnderFault(label: string, faults: Parameters<VippsSimulator['faults']['set']>[0]) {
    const reference = await authorized(label);
    const mark = recorded.observed.length;
    sim.faults.set(faults);
    const result = await client().epayment.capture({ reference, amountOre: 12_000, idempotencyKey: `capture-${reference}` });
    return { reference, result, statuses: statusesOf('epayment.capture', mark) };
  }

  it('retries 5xx answers with the same key until the capture goes through, once', async () => {
    const { reference, result, statuses } = await captureUnderFault('5xx', { serverError: { epayment: { next: 2, status: 503 } } });
    expect(result.ok && result.value.aggregate.capturedOre).toBe(12_000);
    expect(statuses).toEqual([503, 503, 200]);
    expect(bookedEvents(reference, 'CAPTURED')).toHaveLength(1);
  });

  it('survives "performed, but the answer was lost" (500): one capture in the books', async () => {
    const { reference, result, statuses } = await captureUnderFault('lost', { answerLost: { epayment: { next: 1, mode: 'error' } } });
    expect(result.ok && result.value.aggregate.capturedOre).toBe(12_000);
    expect(statuses).toEqual([500, 200]);
    expect(bookedEvents(reference, 'CAPTURED')).toHaveLength(1);
    expect(sim.books(reference)?.payment.aggregate.capturedAmount.value).toBe(12_000);
  });

  it('survives "performed, but the connection was reset": one capture in the books', async () => {
    const { reference, result, statuses } = await captureUnderFault('reset', { answerLost: { epayment: { next: 1, mode: 'reset' } } });
    expect(result.ok).toBe(true);
    expect(statuses).toEqual(['network', 200]);
    expect(bookedEvents(reference, 'CAPTURED')).toHaveLength(1);
  });

  it('gives up on a hanging request at its timeout (AbortSignal) and retries', async () => {
    const reference = await authorized('hang');
    // Short enough to wait out, long enough for the retry's answer on a busy machine.
    const impatient = recordedClient(target.config({ timeoutMs: 3_000 }));
    sim.faults.set({ hang: { epayment: { next: 1 } } });
    const result = await impatient.client.epayment.capture({ reference, amountOre: 12_000, idempotencyKey: `capture-${reference}` });
    expect(result.ok).toBe(true);
    expect(impatient.observed.filter((o) => o.operation === 'epayment.capture').map((o) => o.status)).toEqual(['network', 200]);
    expect(bookedEvents(reference, 'CAPTURED')).toHaveLength(1);
  });

  it('retries 6280 "capture failed, try again later" with the same key', async () => {
    const { reference, result, statuses } = await captureUnderFault('6280', { captureFailure: { next: 1, code: '6280' } });
    expect(result.ok && result.value.aggregate.capturedOre).toBe(12_000);
    expect(statuses).toEqual([400, 200]);
    expect(bookedEvents(reference, 'CAPTURED')).toHaveLength(1);
  });

  it('reports 6260 as funds_unavailable without retrying; the same key works later', async () => {
    const { reference, result, statuses } = await captureUnderFault('6260', { captureFailure: { next: 1, code: '6260' } });
    expect(result).toEqual({ ok: false, failure: { kind: 'funds_unavailable' } });
    expect(statuses).toEqual([400]);
    const later = await client().epayment.capture({ reference, amountOre: 12_000, idempotencyKey: `capture-${reference}` });
    expect(later.ok).toBe(true);
    expect(bookedEvents(reference, 'CAPTURED')).toHaveLength(1);
  });

  it('stops after the configured tries with `unavailable`; the same key later completes once', async () => {
    const { reference, result, statuses } = await captureUnderFault('down', { serverError: { epayment: { share: 1 } } });
    expect(result).toEqual({ ok: false, failure: { kind: 'unavailable', lastStatus: 500, attempts: 4 } });
    expect(statuses).toEqual([500, 500, 500, 500]);
    sim.faults.reset();
    const later = await client().epayment.capture({ reference, amountOre: 12_000, idempotencyKey: `capture-${reference}` });
    expect(later.ok).toBe(true);
    expect(bookedEvents(reference, 'CAPTURED')).toHaveLength(1);
  });

  it('does not retry a permanent failure', async () => {
    const reference = await authorized('permanent');
    const mark = recorded.observed.length;
    const result = await client().epayment.capture({ reference, amountOre: 60_000, idempotencyKey: `capture-${reference}` });
    expect(result).toEqual({ ok: false, failure: { kind: 'amount_too_high', code: '6090' } });
    expect(statusesOf('epayment.capture', mark)).toEqual([400]);
  });

  it('a lost create answer is retried under the same key: one payment, no "reference exists"', async () => {
    const reference = uniqueReference('create-lost');
    sim.faults.set({ answerLost: { epayment: { next: 1, mode: 'error' } } });
    const created = await client().epayment.create({ reference, amountOre: 50_000, idempotencyKey: `create-${reference}`, returnUrl: 'https://ladepay.example/s/r' });
    expect(created.ok && created.value.reference).toBe(reference);
    expect(bookedEvents(reference, 'CREATED')).toHaveLength(1);
  });

  it('a lost cancel answer is retried under the same key: one release', async () => {
    const reference = await authorized('cancel-lost');
    await client().epayment.capture({ reference, amountOre: 20_000, idempotencyKey: `capture-${reference}` });
    sim.faults.set({ answerLost: { epayment: { next: 1, mode: 'reset' } } });
    const cancelled = await client().epayment.cancel({ reference, idempotencyKey: `cancel-${reference}`, cancelTransactionOnly: false });
    expect(cancelled.ok && cancelled.value.aggregate.cancelledOre).toBe(30_000);
    expect(bookedEvents(reference, 'CANCELLED')).toHaveLength(1);
  });

  it('retries the token service too, and keeps the secret out of every log line', async () => {
    const fresh = recordedClient(target.config());
    sim.faults.set({ serverError: { accessToken: { next: 1 } } });
    expect((await fresh.client.token.get()).ok).toBe(true);
    expect(fresh.observed.map((o) => o.status)).toEqual([500, 200]);
    const merchant = sim.merchants[0];
    expect(fresh.logText()).not.toContain(merchant?.clientSecret);
    expect(recorded.logText()).not.toContain(merchant?.subscriptionKey);
  });
});

describe('access token lifetime against the simulator\'s clock', () => {
  let target: ContractTarget & { sim: VippsSimulator };

  beforeAll(async () => {
    target = await startSimulatorTarget({ tokenLifetimeSeconds: 3600 });
  });
  afterAll(async () => {
    await target?.stop();
  });

  it('refreshes ahead of expiry when it shares the clock, without ever meeting a 401', async () => {
    const sim = target.sim;
    const { client, observed } = recordedClient(target.config(), { now: () => sim.clock.now().getTime() });
    const missing = uniqueReference('clock');
    await client.epayment.get(missing);
    sim.clock.advance(3_600_000 - 4 * 60_000);
    await client.epayment.get(missing);
    expect(observed.map((o) => [o.operation, o.status])).toEqual([
      ['accesstoken.get', 200],
      ['epayment.get', 404],
      ['accesstoken.get', 200],
      ['epayment.get', 404],
    ]);
  });

  it('on a token that expired unnoticed: one 401, one new token, one retry', async () => {
    const sim = target.sim;
    const { client, observed } = recordedClient(target.config());
    const missing = uniqueReference('expired');
    await client.epayment.get(missing);
    sim.clock.advance(3_601_000);
    const result = await client.epayment.get(missing);
    expect(result).toEqual({ ok: false, failure: { kind: 'not_found' } });
    expect(observed.map((o) => [o.operation, o.status])).toEqual([
      ['accesstoken.get', 200],
      ['epayment.get', 404],
      ['epayment.get', 401],
      ['accesstoken.get', 200],
      ['epayment.get', 404],
    ]);
  });
});
