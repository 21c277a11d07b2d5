import { CURRENCY } from './money.ts';
import type { Currency, Ore } from './money.ts';
import { err, ok } from './result.ts';
import type { Result } from './result.ts';
import { STANDARD_VAT_RATE_BASIS_POINTS } from './vat.ts';

/** All prices include VAT. A session keeps a frozen copy of the tariff it was sold under. */
export interface Tariff {
  readonly currency: Currency;
  /** 499 = 4.99 kr per kWh. */
  readonly perKwhOre: Ore;
  readonly startFeeOre: Ore;
  /** Per hour of charging (not of idling); 0 = no time price. */
  readonly perHourOre: Ore;
  readonly idlePerMinuteOre: Ore;
  readonly idleGraceMinutes: number;
  /** Most the idle fee can add to a session; 0 = no idle fee. */
  readonly idleCapOre: Ore;
  /** 2500 = 25 %. */
  readonly vatRateBasisPoints: number;
}

type NumericField = Exclude<keyof Tariff, 'currency'>;

// Far above any real price, low enough that every product in pricing stays below 2^53 (see pricing.ts).
export const TARIFF_LIMITS: Readonly<Record<NumericField, number>> = Object.freeze({
  perKwhOre: 100_000, // 1 000 kr/kWh
  startFeeOre: 1_000_000, // 10 000 kr
  perHourOre: 1_000_000, // 10 000 kr/h
  idlePerMinuteOre: 100_000, // 1 000 kr/min
  idleGraceMinutes: 10_080, // one week
  idleCapOre: 10_000_000, // 100 000 kr
  vatRateBasisPoints: 10_000, // 100 %
});

// Only the energy price is required: a tariff without a start fee, time price or idle fee just leaves
// them out. Unknown fields are refused, so a misspelt optional price is not silently read as 0.
const DEFAULTS: Readonly<Record<Exclude<NumericField, 'perKwhOre'>, number>> = Object.freeze({
  startFeeOre: 0,
  perHourOre: 0,
  idlePerMinuteOre: 0,
  idleGraceMinutes: 0,
  idleCapOre: 0,
  vatRateBasisPoints: STANDARD_VAT_RATE_BASIS_POINTS,
});

const NUMERIC_FIELDS = Object.keys(TARIFF_LIMITS) as NumericField[];

export type TariffErrorCode =
  | 'not_an_object'
  | 'unknown_field'
  | 'required'
  | 'not_integer'
  | 'negative'
  | 'too_large'
  | 'unsupported_currency'
  | 'idle_fee_needs_cap'
  | 'idle_cap_needs_fee'
  | 'no_charging_price';

export interface TariffError {
  /** The offending field, or null when the tariff as a whole is wrong. */
  readonly field: string | null;
  readonly code: TariffErrorCode;
  /** The largest allowed value, for too_large. */
  readonly limit?: number;
}

export function validateTariff(input: unknown): Result<Tariff, TariffError[]> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return err([{ field: null, code: 'not_an_object' }]);
  }
  const record = input as Record<string, unknown>;
  const errors: TariffError[] = Object.keys(record)
    .filter((key) => key !== 'currency' && !(NUMERIC_FIELDS as string[]).includes(key))
    .map((field) => ({ field, code: 'unknown_field' }));
  const candidate: Record<string, unknown> = { currency: record.currency ?? CURRENCY };
  for (const field of NUMERIC_FIELDS) {
    candidate[field] = record[field] ?? (field === 'perKwhOre' ? undefined : DEFAULTS[field]);
  }
  errors.push(...checkTariff(candidate));
  if (errors.length > 0) return err(errors);
  const tariff = { currency: CURRENCY } as Record<keyof Tariff, unknown>;
  for (const field of NUMERIC_FIELDS) tariff[field] = candidate[field];
  return ok(Object.freeze(tariff as unknown as Tariff));
}

/**
 * The problems of a tariff already in memory (a stored copy, say): its values only; other fields it
 * carries are ignored. Empty when it is fit to price with.
 */
export function checkTariff(tariff: Tariff | Readonly<Record<string, unknown>>): TariffError[] {
  if (typeof tariff !== 'object' || tariff === null) return [{ field: null, code: 'not_an_object' }];
  const record = tariff as Readonly<Record<string, unknown>>;
  const errors: TariffError[] = [];
  if (record.currency !== CURRENCY) errors.push({ field: 'currency', code: 'unsupported_currency' });
  for (const field of NUMERIC_FIELDS) {
    const problem = checkPrice(field, record[field]);
    if (problem) errors.push(problem);
  }
  if (errors.length > 0) return errors;

  const t = tariff as Tariff;
  if (t.idlePerMinuteOre > 0 && t.idleCapOre === 0) {
    errors.push({ field: 'idleCapOre', code: 'idle_fee_needs_cap' });
  }
  if (t.idlePerMinuteOre === 0 && t.idleCapOre > 0) {
    errors.push({ field: 'idlePerMinuteOre', code: 'idle_cap_needs_fee' });
  }
  // A session is paid by reserving and then capturing an amount; a tariff that charges nothing for
  // charging would capture 0.
  if (t.perKwhOre === 0 && t.perHourOre === 0 && t.startFeeOre === 0) {
    errors.push({ field: null, code: 'no_charging_price' });
  }
  return errors;
}

function checkPrice(field: NumericField, value: unknown): TariffError | null {
  if (value === undefined || value === null) return { field, code: 'required' };
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return { field, code: 'not_integer' };
  if (value < 0) return { field, code: 'negative' };
  const limit = TARIFF_LIMITS[field];
  if (value > limit) return { field, code: 'too_large', limit };
  return null;
}

/** True when the tariff charges for idling; validateTariff guarantees a cap whenever there is a fee. */
export function hasIdleFee(tariff: Tariff): boolean {
  return tariff.idlePerMinuteOre > 0 && tariff.idleCapOre > 0;
}
