import { strictValidators } from './call-errors.ts';
import { describe, expect, it } from 'vitest';
import { aTariff } from '../../../test/support/tariff-builder.ts';
import { tariffId21, tariffType21 } from './ocpp21-tariff.ts';



const ocpp21 = strictValidators().find((v) => v.subprotocol === 'ocpp2.1');

describe('tariffType21', () => {
  const tariff = aTariff({ perKwhOre: 499, startFeeOre: 1000, perHourOre: 6000, idlePerMinuteOre: 100, idleGraceMinutes: 15, idleCapOre: 20_000 });

  it('gives each price without VAT, with the rate beside it, and back to the øre with it', () => {
    const t = tariffType21(tariff);
    expect(t.currency).toBe('NOK');
    expect(t.energy).toEqual({ prices: [{ priceKwh: 3.992 }], taxRates: [{ type: 'VAT', tax: 25 }] });
    expect(t.chargingTime?.prices[0].priceMinute).toBe(0.8);
    expect(t.idleTime?.prices[0]).toEqual({ priceMinute: 0.8, conditions: { minIdleTime: 900 } });
    expect(t.fixedFee?.prices[0].priceFixed).toBe(8);
    expect(Math.round(t.energy!.prices[0].priceKwh * 1.25 * 100)).toBe(499);
  });

  it('leaves out what costs nothing', () => {
    const t = tariffType21(aTariff({ perKwhOre: 500 }));
    expect(Object.keys(t).sort()).toEqual(['currency', 'energy', 'tariffId']);
  });

  it('is a valid SetDefaultTariff and ChangeTransactionTariff payload', () => {
    expect(ocpp21?.validate('urn:SetDefaultTariffRequest', { evseId: 0, tariff: tariffType21(tariff) })).toBe(true);
    expect(ocpp21?.validate('urn:ChangeTransactionTariffRequest', { transactionId: 'tx-1', tariff: tariffType21(tariff) })).toBe(true);
  });

  it('names the same prices the same way, and other prices otherwise', () => {
    expect(tariffId21(aTariff({ perKwhOre: 500 }))).toBe(tariffId21(aTariff({ perKwhOre: 500 })));
    expect(tariffId21(aTariff({ perKwhOre: 500 }))).not.toBe(tariffId21(aTariff({ perKwhOre: 501 })));
    expect(tariffId21(tariff).length).toBeLessThanOrEqual(60);
  });
});
