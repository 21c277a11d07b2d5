import { describe, expect, it } from 'vitest';
import { aVippsConfig } from '../../../test/vipps/a-vipps-config.ts';
import { createRecordingLogger } from '../../../test/vipps/recording-logger.ts';
import { createScriptedFetch, json, problem, tokenAnswer, type SeenRequest } from '../../../test/vipps/scripted-fetch.ts';
import { createVippsClient } from './vipps-client.ts';

function nok(value: number) {
  return { currency: 'NOK', value };
}

function modification(aggregate: { authorized: number; captured: number; cancelled: number; refunded?: number }, state = 'AUTHORIZED') {
  return {
    reference: 'ref-00000001',
    state,
    amount: nok(50000),
    pspReference: 'psp-created',
    aggregate: {
      authorizedAmount: nok(aggregate.authorized),
      capturedAmount: nok(aggregate.captured),
      cancelledAmount: nok(aggregate.cancelled),
      refundedAmount: nok(aggregate.refunded ?? 0),
    },
  };
}

function setup(api: (request: SeenRequest) => Response) {
  const { fetch, requests } = createScriptedFetch((request) =>
    request.path === '/accesstoken/get' ? tokenAnswer('t1') : api(request),
  );
  const client = createVippsClient(aVippsConfig(), {
    logger: createRecordingLogger().logger,
    fetch,
    sleep: async () => undefined,
  });
  return { epayment: client.epayment, calls: () => requests.filter((r) => r.path !== '/accesstoken/get') };
}

describe('ePayment client', () => {
  it('creates a WALLET payment for a point of sale with the caller\'s key', async () => {
    const { epayment, calls } = setup(() => json(201, { reference: 'ref-00000001', redirectUrl: 'https://landing.example/?token=x' }));
    const result = await epayment.create({
      reference: 'ref-00000001',
      amountOre: 50000,
      idempotencyKey: 'create-s1',
      returnUrl: 'https://ladepay.example/s/abc',
      description: 'Midlertidig reservasjon av maksbeløp',
    });
    expect(result).toEqual({ ok: true, value: { reference: 'ref-00000001', redirectUrl: 'https://landing.example/?token=x' } });
    const [request] = calls();
    expect(request?.path).toBe('/epayment/v1/payments');
    expect(request?.headers['idempotency-key']).toBe('create-s1');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      amount: nok(50000),
      paymentMethod: { type: 'WALLET' },
      reference: 'ref-00000001',
      userFlow: 'WEB_REDIRECT',
      customerInteraction: 'CUSTOMER_PRESENT',
      returnUrl: 'https://ladepay.example/s/abc',
      paymentDescription: 'Midlertidig reservasjon av maksbeløp',
    });
  });

  it('asks for the card form when told to', async () => {
    const { epayment, calls } = setup(() => json(201, { reference: 'ref-00000001', redirectUrl: 'https://landing.example/' }));
    await epayment.create({ reference: 'ref-00000001', amountOre: 50000, idempotencyKey: 'create-s1', paymentMethod: 'CARD', returnUrl: 'https://ladepay.example/s/abc' });
    expect(JSON.parse(calls()[0]?.body ?? '').paymentMethod).toEqual({ type: 'CARD' });
  });

  it('reads 4150 on create as a used reference', async () => {
    const { epayment } = setup(() => problem(409, '4150'));
    const result = await epayment.create({ reference: 'ref-00000001', amountOre: 50000, idempotencyKey: 'create-s1' });
    expect(result).toEqual({ ok: false, failure: { kind: 'reference_exists' } });
  });

  it('always sends a JSON body on cancel', async () => {
    const { epayment, calls } = setup(() => json(200, modification({ authorized: 50000, captured: 12000, cancelled: 38000 })));
    const result = await epayment.cancel({ reference: 'ref-00000001', idempotencyKey: 'cancel-s1', cancelTransactionOnly: false });
    expect(result.ok && result.value.aggregate).toEqual({ authorizedOre: 50000, capturedOre: 12000, cancelledOre: 38000, refundedOre: 0 });
    expect(calls()[0]?.body).toBe('{"cancelTransactionOnly":false}');
    expect(calls()[0]?.headers['content-type']).toBe('application/json');
  });

  it('flags a cancel answer that still leaves money reserved', async () => {
    const { epayment } = setup(() => json(200, modification({ authorized: 50000, captured: 12000, cancelled: 0 })));
    const result = await epayment.cancel({ reference: 'ref-00000001', idempotencyKey: 'cancel-s1', cancelTransactionOnly: false });
    expect(result).toEqual({ ok: false, failure: { kind: 'amount_mismatch', expectedOre: 38000, actualOre: 0 } });
  });

  it('checks the captured amount in the answer, not only the status', async () => {
    const { epayment } = setup(() => json(200, modification({ authorized: 50000, captured: 10000, cancelled: 0 })));
    const short = await epayment.capture({ reference: 'ref-00000001', amountOre: 12000, idempotencyKey: 'capture-s1' });
    expect(short).toEqual({ ok: false, failure: { kind: 'amount_mismatch', expectedOre: 12000, actualOre: 10000 } });
    const partial = await epayment.capture({ reference: 'ref-00000001', amountOre: 4000, idempotencyKey: 'capture-s1-2' });
    expect(partial.ok).toBe(true);
  });

  it('checks the refunded amount', async () => {
    const { epayment } = setup(() => json(200, modification({ authorized: 50000, captured: 12000, cancelled: 38000, refunded: 0 })));
    const result = await epayment.refund({ reference: 'ref-00000001', amountOre: 2000, idempotencyKey: 'refund-s1-1' });
    expect(result).toEqual({ ok: false, failure: { kind: 'amount_mismatch', expectedOre: 2000, actualOre: 0 } });
  });

  it('turns an answer of the wrong shape into `unexpected`', async () => {
    const { epayment } = setup(() => json(200, { reference: 'ref-00000001', state: 'CAPTURED' }));
    expect(await epayment.get('ref-00000001')).toEqual({ ok: false, failure: { kind: 'unexpected', status: 200 } });
  });

  it('refuses an idempotency key Vipps would reject, before any request', async () => {
    const { epayment, calls } = setup(() => json(200, {}));
    const tooLong = `capture-${'x'.repeat(43)}`;
    await expect(epayment.capture({ reference: 'ref-00000001', amountOre: 1, idempotencyKey: tooLong })).rejects.toThrow(RangeError);
    await expect(epayment.capture({ reference: 'ref-00000001', amountOre: 1, idempotencyKey: 'has space' })).rejects.toThrow(RangeError);
    expect(calls()).toEqual([]);
  });

  it('reads the event log oldest first, with each operation\'s own pspReference', async () => {
    const { epayment } = setup(() =>
      json(200, [
        { reference: 'ref-00000001', pspReference: 'p1', name: 'CREATED', amount: nok(50000), timestamp: '2026-01-01T10:00:00Z', idempotencyKey: 'create-s1', success: true },
        { reference: 'ref-00000001', pspReference: 'p2', name: 'CANCELLED', amount: nok(38000), timestamp: '2026-01-01T11:00:00Z', idempotencyKey: null, success: true },
      ]),
    );
    const result = await epayment.events('ref-00000001');
    expect(result.ok && result.value.map((e) => [e.name, e.pspReference, e.amountOre, e.idempotencyKey])).toEqual([
      ['CREATED', 'p1', 50000, 'create-s1'],
      ['CANCELLED', 'p2', 38000, undefined],
    ]);
  });

  it('escapes the reference in the path', async () => {
    const { epayment, calls } = setup(() => problem(404));
    expect(await epayment.get('../webhooks/v1/webhooks')).toEqual({ ok: false, failure: { kind: 'not_found' } });
    expect(calls()[0]?.path).toBe('/epayment/v1/payments/..%2Fwebhooks%2Fv1%2Fwebhooks');
  });
});
