import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VippsSimulator } from '../../simulators/vipps/index.ts';
import type { Receipt } from '../../src/adapters/vipps/receipt.ts';
import type { VippsClient } from '../../src/adapters/vipps/vipps-client.ts';
import { recordedClient, startSimulatorTarget, uniqueReference, type ContractTarget } from './contract-targets.ts';

// Order Management exists in production only (docs/vipps-contract.md §19), so this runs against the simulator alone.

function chargingReceipt(totalOre: number): Receipt {
  const excl = Math.round(totalOre / 1.25);
  return {
    orderLines: [
      {
        name: 'Lading stasjon 21678',
        id: 'charging',
        totalAmount: totalOre,
        totalAmountExcludingTax: excl,
        totalTaxAmount: totalOre - excl,
        taxRate: 2500,
        unitInfo: { unitPrice: 527, quantity: '23.412', quantityUnit: 'KWH' },
      },
    ],
    bottomLine: { currency: 'NOK', receiptNumber: 'LP-0001' },
  };
}

describe('Order Management against the simulator', () => {
  let target: ContractTarget & { sim: VippsSimulator };
  let client: VippsClient;

  beforeAll(async () => {
    target = await startSimulatorTarget();
    client = recordedClient(target.config()).client;
  });
  afterAll(async () => {
    await target?.stop();
  });

  it('adds the receipt once; the second attempt counts as already done', async () => {
    const reference = uniqueReference('receipt');
    expect(await client.orders.addReceipt(reference, chargingReceipt(12_345))).toEqual({ ok: true, value: 'created' });
    expect(await client.orders.addReceipt(reference, chargingReceipt(12_345))).toEqual({ ok: true, value: 'already_exists' });
    expect(target.sim.receipts(reference, target.sim.merchants[0]?.msn)?.receipt).toEqual(chargingReceipt(12_345));
  });

  it('links the order to our receipt page, overwriting, and reads both back', async () => {
    const reference = uniqueReference('category');
    await client.orders.addReceipt(reference, chargingReceipt(9_900));
    expect(await client.orders.putCategory(reference, 'GENERAL', 'https://ladepay.example/s/old')).toEqual({ ok: true, value: undefined });
    expect(await client.orders.putCategory(reference, 'RECEIPT', 'https://ladepay.example/s/abc')).toEqual({ ok: true, value: undefined });
    expect(await client.orders.getOrder(reference)).toEqual({
      ok: true,
      value: { category: { category: 'RECEIPT', orderDetailsUrl: 'https://ladepay.example/s/abc' }, receipt: chargingReceipt(9_900) },
    });
  });

  it('refuses a malformed receipt as invalid_request, naming the field', async () => {
    const receipt = chargingReceipt(1_000);
    const bad: Receipt = { ...receipt, orderLines: [{ ...receipt.orderLines[0]!, unitInfo: { unitPrice: 1, quantity: '1,5' } }] };
    const result = await client.orders.addReceipt(uniqueReference('bad'), bad);
    expect(result).toEqual({ ok: false, failure: expect.objectContaining({ kind: 'invalid_request', field: expect.stringMatching(/quantity/i) }) });
  });
});
