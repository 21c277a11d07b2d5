import { isCountryCode } from './country-codes.ts';

// The operator as the charger feeds name it: the OCPI party (country code and
// party id, which also make the eMI3 operator id of every EVSE id) and the
// help line drivers may call, taken from the support phone.

export interface FeedOperator {
  readonly countryCode: string; // ISO 3166-1 alpha-2, "NO"
  readonly partyId: string | undefined; // unset: nothing can be shared yet
  readonly helpLine: string | undefined;
}

// OCPI 2.2.1 party_id: CiString(3); eMI3 spot operator id: three letters or digits.
export function isPartyId(value: string): boolean {
  return /^[A-Z0-9]{3}$/.test(value);
}

export function isOperatorCountry(value: string): boolean {
  return /^[A-Z]{2}$/.test(value) && isCountryCode(value);
}

/**
 * The support phone as a help line, "+47 …" written the Norwegian way: a
 * mobile number (4 or 9 first) as "+47 912 34 567", any other as
 * "+47 22 12 34 56". A number of another country keeps its own spacing.
 */
export function helpLineOf(phone: string | undefined): string | undefined {
  if (phone === undefined) return undefined;
  const digits = phone.replace(/\s+/g, '');
  const national = /^\+47(\d{8})$/.exec(digits)?.[1];
  if (national === undefined) return phone.trim().replace(/\s+/g, ' ');
  const groups = /^[49]/.test(national) ? [national.slice(0, 3), national.slice(3, 5), national.slice(5)] : [0, 2, 4, 6].map((i) => national.slice(i, i + 2));
  return `+47 ${groups.join(' ')}`;
}
