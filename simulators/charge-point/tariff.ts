// OCPP 2.1 TariffType (functional block I, tariff and cost), as given in
// SetDefaultTariff and ChangeTransactionTariff: the parts this station prices with. Prices are excluding tax; each component
// carries its own taxRates. Strict mode has checked the shape against the
// schema; what is left to check here is whether the station can price it.

export interface TaxRate {
  type: string;
  tax: number; // percent
  stack?: number; // 0 (default): tax on the net price; 1: on top of stack 0 …
}

// Conditions bound a price element to a stretch of the transaction's own
// usage; the station prices by these and answers ConditionNotSupported for any other.
export interface TariffConditions {
  minEnergy?: number; // Wh
  maxEnergy?: number;
  minChargingTime?: number; // s
  maxChargingTime?: number;
  minIdleTime?: number; // s: with an idle price, the grace before it applies
  maxIdleTime?: number;
  [other: string]: unknown;
}

export interface EnergyPrice {
  priceKwh: number;
  conditions?: TariffConditions;
}

export interface TimePrice {
  priceMinute: number;
  conditions?: TariffConditions;
}

export interface FixedPrice {
  priceFixed: number;
  conditions?: Record<string, unknown>;
}

export interface TariffComponent<P> {
  prices: P[];
  taxRates?: TaxRate[];
}

export interface PriceType {
  exclTax?: number;
  inclTax?: number;
  taxRates?: TaxRate[];
}

export interface Tariff {
  tariffId: string;
  currency: string;
  validFrom?: string;
  energy?: TariffComponent<EnergyPrice>;
  chargingTime?: TariffComponent<TimePrice>;
  idleTime?: TariffComponent<TimePrice>;
  fixedFee?: TariffComponent<FixedPrice>;
  minCost?: PriceType;
  maxCost?: PriceType;
  [other: string]: unknown; // description, reservation prices: kept, not priced
}

const CONDITIONS: Record<'energy' | 'chargingTime' | 'idleTime' | 'fixedFee', readonly string[]> = {
  energy: ['minEnergy', 'maxEnergy'],
  chargingTime: ['minChargingTime', 'maxChargingTime'],
  idleTime: ['minIdleTime', 'maxIdleTime'],
  fixedFee: [],
};

export type TariffCheck = 'Accepted' | 'ConditionNotSupported';

export function checkTariff(tariff: Tariff): TariffCheck {
  for (const [component, allowed] of Object.entries(CONDITIONS)) {
    const prices = (tariff[component] as TariffComponent<{ conditions?: Record<string, unknown> }> | undefined)?.prices ?? [];
    for (const price of prices) {
      const names = Object.keys(price.conditions ?? {}).filter((n) => n !== 'customData');
      if (names.some((n) => !allowed.includes(n))) return 'ConditionNotSupported';
    }
  }
  return 'Accepted';
}
