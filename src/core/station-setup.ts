// What a station and its connectors may be set up as, whichever door the
// operator uses (console form, API, CSV import, command line).

// OCPP 1.6 §3.1 (security whitepaper): the identity is a URL path segment; 48
// is the CiString limit of chargeBoxIdentity.
export const STATION_ID = /^[A-Za-z0-9_.-]{1,48}$/;
export const CONNECTOR_TYPES = ['CCS', 'Type2', 'CHAdeMO', 'Type1', 'Schuko'] as const;
export type ConnectorTypeName = (typeof CONNECTOR_TYPES)[number];
export const MAX_CONNECTORS_PER_STATION = 32;

// "50", "7,4", "22.0" kW → W; undefined when not a power from 1 to 1000 kW.
export function parseKw(input: string): number | undefined {
  const m = /^(\d{1,4})(?:[.,](\d))?$/.exec(input.replace(/\s|kw$/gi, ''));
  if (!m) return undefined;
  const w = Number(m[1]) * 1000 + Number(m[2] ?? '0') * 100;
  return w >= 1000 && w <= 1_000_000 ? w : undefined;
}

// Any case as written ("type2", "ccs") → the listed spelling; undefined when not a listed type.
export function connectorType(input: string): ConnectorTypeName | undefined {
  return CONNECTOR_TYPES.find((t) => t.toLowerCase() === input.trim().toLowerCase());
}
