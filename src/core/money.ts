// Money is integer øre (1 krone = 100 øre), energy integer watt-hours. Fractions only appear inside a
// calculation, and become øre in exactly one place: roundHalfUp.

export const CURRENCY = 'NOK';
export type Currency = typeof CURRENCY;

export type Ore = number;
export type Wh = number;

export function isOre(value: unknown): value is Ore {
  return Number.isSafeInteger(value);
}

export function isWh(value: unknown): value is Wh {
  return Number.isSafeInteger(value);
}

/**
 * numerator / denominator rounded to the nearest integer, a half away from zero (Norwegian practice:
 * round half up to the nearest øre; a credit rounds to the same magnitude as the same charge).
 *
 * Exact: integer arithmetic only, never a float division. Numbers must be safe integers; a product that
 * can pass 2^53 must be computed by the caller as a bigint and passed as one, because a number product
 * past 2^53 has already lost its last digits. Wrong arguments are a bug in the caller: RangeError.
 */
export function roundHalfUp(numerator: number | bigint, denominator: number | bigint): number {
  if (typeof numerator === 'number' && typeof denominator === 'number') {
    return roundSafeIntegers(numerator, denominator);
  }
  return roundBigInts(toBigInt(numerator, 'numerator'), toBigInt(denominator, 'denominator'));
}

// For safe integers `%` is exact, (n - r) / d is an exact integer division, and 2|r| < 2^54 is exact.
function roundSafeIntegers(numerator: number, denominator: number): number {
  requireSafeInteger(numerator, 'numerator');
  requireSafeInteger(denominator, 'denominator');
  if (denominator === 0) throw new RangeError('roundHalfUp: denominator is 0');
  const n = denominator < 0 ? -numerator : numerator;
  const d = Math.abs(denominator);
  const remainder = n % d;
  const quotient = (n - remainder) / d;
  const awayFromZero = 2 * Math.abs(remainder) >= d ? Math.sign(remainder) : 0;
  // + 0 turns -0 into 0, so a rounded zero compares and serializes as a plain 0.
  return quotient + awayFromZero + 0;
}

function roundBigInts(numerator: bigint, denominator: bigint): number {
  if (denominator === 0n) throw new RangeError('roundHalfUp: denominator is 0');
  const n = denominator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = n / d; // BigInt division truncates toward zero
  const remainder = n % d;
  const twiceRemainder = 2n * (remainder < 0n ? -remainder : remainder);
  const rounded = twiceRemainder >= d ? quotient + (remainder < 0n ? -1n : 1n) : quotient;
  const result = Number(rounded);
  if (!Number.isSafeInteger(result)) throw new RangeError('roundHalfUp: result is not a safe integer');
  return result + 0;
}

function toBigInt(value: number | bigint, name: string): bigint {
  if (typeof value === 'bigint') return value;
  requireSafeInteger(value, name);
  return BigInt(value);
}

function requireSafeInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`roundHalfUp: ${name} ${value} is not a safe integer`);
}
