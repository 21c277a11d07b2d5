import type { PriceType, TaxRate, Tariff, TariffConditions } from './tariff.ts';

// The station's own reckoning of a transaction's cost from its tariff, its
// meter and its clock: OCPP 2.1 CostDetailsType, as carried in
// TransactionEvent. Pure.

// What the transaction has used so far.
export interface Usage {
  energyWh: number;
  chargingSeconds: number; // energy flowed
  idleSeconds: number; // in the transaction, no energy flowed
}

// A tariff priced the transaction from `from` on, until the next one took
// over: the default in force at the start, or one given for this transaction
// (2.1 ChangeTransactionTariff, a driver's tariff).
export interface TariffSegment {
  tariff: Tariff;
  from: Usage;
  kind: 'DefaultTariff' | 'DriverTariff';
}

export interface PriceOut {
  exclTax: number;
  inclTax: number;
}

export interface CostDetails {
  totalCost: {
    currency: string;
    typeOfCost: 'NormalCost' | 'MinCost' | 'MaxCost';
    total: PriceOut;
    fixed?: PriceOut;
    energy?: PriceOut;
    chargingTime?: PriceOut;
    idleTime?: PriceOut;
  };
  // TotalUsageType's text calls chargingTime the whole session's duration; the
  // station reports the seconds energy flowed, the quantity a chargingTime
  // price is for, so chargingTime + idleTime is the transaction's duration.
  totalUsage: { energy: number; chargingTime: number; idleTime: number };
}

export const NO_USAGE: Readonly<Usage> = Object.freeze({ energyWh: 0, chargingSeconds: 0, idleSeconds: 0 });

type Dimension = 'energy' | 'chargingTime' | 'idleTime';
const DIMENSIONS: ReadonlyArray<{ name: Dimension; axis: keyof Usage; min: keyof TariffConditions; max: keyof TariffConditions; per: number }> = [
  { name: 'energy', axis: 'energyWh', min: 'minEnergy', max: 'maxEnergy', per: 1000 }, // priceKwh
  { name: 'chargingTime', axis: 'chargingSeconds', min: 'minChargingTime', max: 'maxChargingTime', per: 60 }, // priceMinute
  { name: 'idleTime', axis: 'idleSeconds', min: 'minIdleTime', max: 'maxIdleTime', per: 60 },
];

// skewPercent: the station's prices are off by this much (a test's disagreeing station).
export function transactionCost(segments: readonly TariffSegment[], usage: Usage, skewPercent = 0): CostDetails | undefined {
  const last = segments.at(-1);
  if (!last) return undefined;
  const skew = 1 + skewPercent / 100;
  const raw: Partial<Record<Dimension | 'fixed', PriceOut>> = {};
  const add = (name: Dimension | 'fixed', exclTax: number, taxRates: TaxRate[] | undefined): void => {
    const sum = (raw[name] ??= { exclTax: 0, inclTax: 0 });
    sum.exclTax += exclTax * skew;
    sum.inclTax += exclTax * skew * taxFactor(taxRates);
  };
  segments.forEach((segment, i) => {
    const to = segments[i + 1]?.from ?? usage;
    const t = segment.tariff;
    for (const d of DIMENSIONS) {
      const component = t[d.name];
      if (!component) continue;
      const prices = component.prices.map((p) => ({ price: ('priceKwh' in p ? p.priceKwh : p.priceMinute) / d.per, conditions: p.conditions ?? {} }));
      add(d.name, piecewise(prices, d.min, d.max, segment.from[d.axis], to[d.axis]), component.taxRates);
    }
    // A fixed fee is charged once, by the tariff the transaction began with.
    if (i === 0 && t.fixedFee) add('fixed', t.fixedFee.prices[0]?.priceFixed ?? 0, t.fixedFee.taxRates);
  });
  const parts: Partial<Record<Dimension | 'fixed', PriceOut>> = {};
  let exclTax = 0;
  let inclTax = 0;
  for (const [name, sum] of Object.entries(raw) as Array<[Dimension | 'fixed', PriceOut]>) {
    const part = { exclTax: round2(sum.exclTax), inclTax: round2(sum.inclTax) };
    parts[name] = part;
    exclTax += part.exclTax;
    inclTax += part.inclTax;
  }
  // The parts add up to the total; a tariff's minimum or maximum overrides it.
  const bounded = bound({ exclTax: round2(exclTax), inclTax: round2(inclTax) }, last.tariff);
  return {
    totalCost: { currency: last.tariff.currency, typeOfCost: bounded.typeOfCost, total: bounded.total, ...parts },
    totalUsage: { energy: usage.energyWh, chargingTime: Math.round(usage.chargingSeconds), idleTime: Math.round(usage.idleSeconds) },
  };
}

// The price elements along one axis (Wh, s): at each point the first element
// whose [min, max) holds it applies, as conditions are read in order.
function piecewise(prices: Array<{ price: number; conditions: TariffConditions }>, min: keyof TariffConditions, max: keyof TariffConditions, from: number, to: number): number {
  if (!(to > from)) return 0;
  const bounds = (c: TariffConditions): [number, number] => [(c[min] as number | undefined) ?? -Infinity, (c[max] as number | undefined) ?? Infinity];
  const cuts = new Set([from, to]);
  for (const p of prices) for (const b of bounds(p.conditions)) if (b > from && b < to) cuts.add(b);
  const points = [...cuts].sort((a, b) => a - b);
  let amount = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const [a, b] = [points[k] as number, points[k + 1] as number];
    const mid = (a + b) / 2;
    const element = prices.find((p) => {
      const [lo, hi] = bounds(p.conditions);
      return mid >= lo && mid < hi;
    });
    if (element) amount += element.price * (b - a);
  }
  return amount;
}

// TaxRateType.stack: stack 0 is taxed on the net price, stack 1 on top of stack 0, and so on.
export function taxFactor(taxRates: readonly TaxRate[] | undefined): number {
  const stacks = new Map<number, number>();
  for (const r of taxRates ?? []) stacks.set(r.stack ?? 0, (stacks.get(r.stack ?? 0) ?? 0) + r.tax);
  return [...stacks.entries()].sort(([a], [b]) => a - b).reduce((factor, [, percent]) => factor * (1 + percent / 100), 1);
}

function bound(total: PriceOut, tariff: Tariff): { total: PriceOut; typeOfCost: CostDetails['totalCost']['typeOfCost'] } {
  if (tariff.maxCost && beyond(total, tariff.maxCost, 1)) return { total: fill(tariff.maxCost, total), typeOfCost: 'MaxCost' };
  if (tariff.minCost && beyond(total, tariff.minCost, -1)) return { total: fill(tariff.minCost, total), typeOfCost: 'MinCost' };
  return { total, typeOfCost: 'NormalCost' };
}

// direction 1: total above the price; -1: below it.
function beyond(total: PriceOut, price: PriceType, direction: 1 | -1): boolean {
  if (price.inclTax !== undefined) return direction * (total.inclTax - price.inclTax) > 0;
  if (price.exclTax !== undefined) return direction * (total.exclTax - price.exclTax) > 0;
  return false;
}

// A bound given with one side of tax only: the other side in the same proportion as the computed total.
function fill(price: PriceType, total: PriceOut): PriceOut {
  const ratio = total.exclTax > 0 ? total.inclTax / total.exclTax : taxFactor(price.taxRates);
  const exclTax = price.exclTax ?? (price.inclTax as number) / ratio;
  const inclTax = price.inclTax ?? exclTax * ratio;
  return { exclTax: round2(exclTax), inclTax: round2(inclTax) };
}

// Money to two decimals, a half away from zero. 1.005 * 100 is 100.49999… in
// binary floating point: cut to 15 significant digits first, so it is 100.5.
export function round2(amount: number): number {
  const cents = Math.round(Number((Math.abs(amount) * 100).toPrecision(15)));
  return amount < 0 ? -cents / 100 : cents / 100;
}
