import { describe, expect, it } from 'vitest';
import { failureCode, type GatewayFailure } from '../../usecases/ports/payment-gateway.ts';
import type { EpaymentApi } from './epayment-api.ts';
import type { OrderManagementApi } from './order-management-api.ts';
import type { CreatedPayment } from './payment-snapshot.ts';
import { vippsPaymentGateway } from './payment-gateway.ts';
import { fail, ok, type VippsFailure } from './vipps-result.ts';

function gatewayFailingWith(f: VippsFailure, created?: CreatedPayment) {
  const answer = async () => fail(f);
  const epayment: EpaymentApi = {
    create: async () => (created ? ok(created) : fail(f)),
    get: answer,
    events: answer,
    capture: answer,
    cancel: answer,
    refund: answer,
    forceApprove: answer,
  };
  const orders: OrderManagementApi = { addReceipt: answer, putCategory: answer, getOrder: answer };
  return vippsPaymentGateway({ epayment, orders });
}

const cases: Array<[VippsFailure, GatewayFailure, string]> = [
  [{ kind: 'unavailable', lastStatus: 503, attempts: 4 }, { kind: 'unavailable', lastStatus: 503 }, 'unavailable:503'],
  [{ kind: 'unavailable', lastStatus: 'timeout', attempts: 4 }, { kind: 'unavailable', lastStatus: 'timeout' }, 'unavailable:timeout'],
  [{ kind: 'funds_unavailable' }, { kind: 'funds_unavailable' }, 'funds_unavailable'],
  [{ kind: 'unauthorized' }, { kind: 'unauthorized' }, 'unauthorized'],
  [{ kind: 'unexpected', status: 502, code: '9999' }, { kind: 'unexpected', status: 502 }, 'unexpected:502'],
  [{ kind: 'wrong_state', code: '6060' }, { kind: 'wrong_state', code: '6060' }, 'wrong_state:6060'],
  [{ kind: 'amount_too_high', code: '6090' }, { kind: 'amount_too_high', code: '6090' }, 'amount_too_high:6090'],
  [{ kind: 'amount_mismatch', expectedOre: 5000, actualOre: 0 }, { kind: 'amount_mismatch', expectedOre: 5000, actualOre: 0 }, 'amount_mismatch:5000/0'],
  [{ kind: 'not_found' }, { kind: 'not_found' }, 'not_found'],
  [{ kind: 'invalid_request', field: 'amount', code: '2010' }, { kind: 'invalid_request' }, 'invalid_request'],
  [{ kind: 'idempotency_conflict', code: '4010' }, { kind: 'idempotency_conflict' }, 'idempotency_conflict'],
  [{ kind: 'reference_exists' }, { kind: 'reference_exists' }, 'reference_exists'],
  [{ kind: 'already_exists' }, { kind: 'already_exists' }, 'already_exists'],
  [{ kind: 'forbidden', code: '5010' }, { kind: 'forbidden' }, 'forbidden'],
];

describe('Vipps payment gateway', () => {
  it.each(cases)('translates %j once, into the port’s failure', async (vipps, port, code) => {
    const gateway = gatewayFailingWith(vipps);
    const bill = { lines: [], totalOre: 0, vatOre: 0, netOre: 0 };
    const answers = [
      await gateway.status('ref'),
      await gateway.capture('ref', 100, 'k'),
      await gateway.cancel('ref', 'k'),
      await gateway.refund('ref', 100, 'k'),
      await gateway.sendReceipt({ reference: 'ref', receiptNumber: 1, bill, stationName: 'CP', orderDetailsUrl: 'https://x' }),
    ];
    for (const answer of answers) {
      expect(answer).toEqual({ ok: false, failure: port });
      if (!answer.ok) expect(failureCode(answer.failure)).toBe(code);
    }
  });

  it('reports a payment created without a redirect URL', async () => {
    const gateway = gatewayFailingWith({ kind: 'not_found' }, { reference: 'ref' });
    expect(await gateway.create({ reference: 'ref', amountOre: 100, description: 'd', returnUrl: 'https://x', method: 'WALLET', idempotencyKey: 'k' })).toEqual({
      ok: false,
      failure: { kind: 'no_redirect_url' },
    });
  });
});
