// The small shapes DATEX II v3 JSON is made of (AFIR Recharging Profile
// 01-00-00, docs/datex2.md): an enumeration value is always wrapped
// ({"value": "available"}), a text is multilingual with a `lang` in each
// entry, an external id is an extended enumeration, and a time carries its
// offset.

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

// The feed's own language (ISO 639-1, lowercase: the profile's `lang` pattern is ^[a-z]{2}$).
export const LANG = 'nb';

export function enumValue(value: string): JsonObject {
  return { value };
}

/** A multilingual text: bokmål, with other languages after it. */
export function text(nb: string, others: Readonly<Record<string, string>> = {}): JsonObject {
  return { values: [{ lang: LANG, value: nb }, ...Object.entries(others).map(([lang, value]) => ({ lang, value }))] };
}

/**
 * ISO 8601 UTC text as DATEX wants a date-time: with milliseconds and a
 * numeric offset ("2026-03-02T08:00:00.000+00:00"); the profile's versions use
 * the same form (`YYYY-MM-DDThh:mm:ss.sss±hh:mm`).
 */
export function datexTime(iso: string): string {
  return new Date(iso).toISOString().replace(/Z$/, '+00:00');
}

/** An external identifier: its type is always an extended value ("evseId", "operatorId" …). */
export function externalId(identifier: string, type: 'evseId' | 'operatorId'): JsonObject {
  return { identifier, typeOfIdentifier: { value: 'extendedG', extendedValueG: type } };
}

/** A price in øre as kroner, the number DATEX money is. */
export function kroner(ore: number): number {
  return ore / 100;
}
