import { createHash } from 'node:crypto';
import type { Tariff } from '../../core/tariff.ts';

// A Ladepay tariff as an OCPP 2.1 TariffType (SetDefaultTariff,
// ChangeTransactionTariff). Ladepay's prices include VAT; 2.1 prices exclude
// tax and carry the tax rate beside them, so each price is the VAT-inclusive
// one divided by (1 + rate), in kroner, kept to 6 decimals: times (1 + rate)
// it gives the øre back. What 2.1 cannot say is left to Ladepay's own guard
// and bill: the idle fee's cap (TariffType.maxCost caps the whole charge).

export interface TariffType21 {
  tariffId: string;
  currency: string;
  energy?: { prices: [{ priceKwh: number }]; taxRates: TaxRate[] };
  chargingTime?: { prices: [{ priceMinute: number }]; taxRates: TaxRate[] };
  idleTime?: { prices: [{ priceMinute: number; conditions?: { minIdleTime: number } }]; taxRates: TaxRate[] };
  fixedFee?: { prices: [{ priceFixed: number }]; taxRates: TaxRate[] };
}

interface TaxRate {
  type: 'VAT';
  tax: number;
}

export function tariffType21(tariff: Tariff): TariffType21 {
  const vat = tariff.vatRateBasisPoints;
  const taxRates: TaxRate[] = [{ type: 'VAT', tax: vat / 100 }];
  // øre incl. VAT per unit → kroner excl. VAT per unit.
  const excl = (ore: number, per = 1) => round6((ore * 10_000) / (10_000 + vat) / 100 / per);
  return {
    tariffId: tariffId21(tariff),
    currency: tariff.currency,
    ...(tariff.perKwhOre > 0 ? { energy: { prices: [{ priceKwh: excl(tariff.perKwhOre) }], taxRates } } : {}),
    ...(tariff.perHourOre > 0 ? { chargingTime: { prices: [{ priceMinute: excl(tariff.perHourOre, 60) }], taxRates } } : {}),
    ...(tariff.idleCapOre > 0 && tariff.idlePerMinuteOre > 0
      ? {
          idleTime: {
            prices: [{ priceMinute: excl(tariff.idlePerMinuteOre), ...(tariff.idleGraceMinutes > 0 ? { conditions: { minIdleTime: tariff.idleGraceMinutes * 60 } } : {}) }],
            taxRates,
          },
        }
      : {}),
    ...(tariff.startFeeOre > 0 ? { fixedFee: { prices: [{ priceFixed: excl(tariff.startFeeOre) }], taxRates } } : {}),
  };
}

// The same prices always get the same id, and other prices another one: a
// station that already holds it is not confused by a changed tariff.
export function tariffId21(tariff: Tariff): string {
  const prices = [tariff.currency, tariff.perKwhOre, tariff.startFeeOre, tariff.perHourOre, tariff.idlePerMinuteOre, tariff.idleGraceMinutes, tariff.idleCapOre, tariff.vatRateBasisPoints];
  return `ladepay-${createHash('sha256').update(prices.join(',')).digest('hex').slice(0, 16)}`;
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
