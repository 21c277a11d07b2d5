/**
 * A JSON integer literal beyond a double's exact range, with every digit kept. Vipps' own request
 * collections send string fields such as `reference` as JSON numbers, and a double would round
 * `1702391950346123456` to `1702391950346123500`. Serialised back it is the number JSON.parse would read.
 */
export class ExactInteger {
  constructor(readonly digits: string) {}

  toJSON(): number {
    return Number(this.digits);
  }

  toString(): string {
    return this.digits;
  }
}

/** The exact digits of a JSON integer, or undefined for anything else (a string, a fraction, a rounded double). */
export function integerDigits(value: unknown): string | undefined {
  if (value instanceof ExactInteger) return value.digits;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}
