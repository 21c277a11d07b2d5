import type { Tariff } from '../../src/core/tariff.ts';

/**
 * A tariff for tests: 4.99 kr/kWh incl. 25 % VAT and nothing else, unless overridden. Not validated,
 * so tests can also build the wrong tariffs validateTariff must refuse.
 */
export function aTariff(overrides: Partial<Tariff> = {}): Tariff {
  return {
    currency: 'NOK',
    perKwhOre: 499,
    startFeeOre: 0,
    perHourOre: 0,
    idlePerMinuteOre: 0,
    idleGraceMinutes: 0,
    idleCapOre: 0,
    vatRateBasisPoints: 2500,
    ...overrides,
  };
}
