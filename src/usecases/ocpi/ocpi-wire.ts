import type { PartnerEndpoint, PartnerRole } from './ocpi-partner.ts';

// The OCPI 2.2.1 objects of the configuration modules (versions, credentials)
// as they arrive from a partner, read into Ladepay's words. Each reader gives
// the object or the reason it is not one.

export const OCPI_VERSION = '2.2.1';

export type Read<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface VersionInfo {
  version: string;
  url: string;
}

export interface VersionDetails {
  version: string;
  endpoints: PartnerEndpoint[];
}

export interface PartnerCredentials {
  token: string;
  url: string;
  roles: PartnerRole[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// OCPI 2.2.1 URL type: string(255); only http(s) is ever fetched.
export function isOcpiUrl(v: unknown): v is string {
  if (typeof v !== 'string' || v.length > 255) return false;
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

// OCPI 2.2.1 Credentials.token: "printable non-whitespace ASCII characters,
// that is, characters with Unicode code points from the range of U+0021 up to
// and including U+007E", string(64).
export function isCredentialsToken(v: unknown): v is string {
  return typeof v === 'string' && /^[\x21-\x7e]{1,64}$/.test(v);
}

// Version information endpoint: data is Version[] (card. +).
export function readVersions(data: unknown): Read<VersionInfo[]> {
  if (!Array.isArray(data) || data.length === 0) return { ok: false, problem: 'the versions endpoint gave no list of versions' };
  const versions = data.filter((v): v is VersionInfo => isRecord(v) && typeof v.version === 'string' && isOcpiUrl(v.url));
  if (versions.length !== data.length) return { ok: false, problem: 'the versions endpoint gave a version without a number or URL' };
  return { ok: true, value: versions };
}

// Version details endpoint: { version, endpoints: Endpoint[] (card. +) }.
export function readVersionDetails(data: unknown): Read<VersionDetails> {
  if (!isRecord(data) || typeof data.version !== 'string' || !Array.isArray(data.endpoints)) return { ok: false, problem: 'the version details are not an OCPI VersionDetails object' };
  const endpoints = data.endpoints.filter((e): e is PartnerEndpoint => isRecord(e) && typeof e.identifier === 'string' && typeof e.role === 'string' && isOcpiUrl(e.url));
  if (endpoints.length !== data.endpoints.length || endpoints.length === 0) return { ok: false, problem: 'the version details list an endpoint without identifier, role or URL' };
  return { ok: true, value: { version: data.version, endpoints: endpoints.map((e) => ({ identifier: e.identifier, role: e.role, url: e.url })) } };
}

// Credentials object: token, url, roles (CredentialsRole, card. +) each with
// role, business_details.name, party_id CiString(3), country_code CiString(2).
export function readCredentials(data: unknown): Read<PartnerCredentials> {
  if (!isRecord(data)) return { ok: false, problem: 'the body is not an OCPI Credentials object' };
  if (!isCredentialsToken(data.token)) return { ok: false, problem: 'token: 1 to 64 printable ASCII characters, no spaces' };
  if (!isOcpiUrl(data.url)) return { ok: false, problem: 'url: the http(s) URL of the versions endpoint, at most 255 characters' };
  if (!Array.isArray(data.roles) || data.roles.length === 0) return { ok: false, problem: 'roles: at least one CredentialsRole' };
  const roles: PartnerRole[] = [];
  for (const [i, r] of data.roles.entries()) {
    const name = isRecord(r) && isRecord(r.business_details) ? r.business_details.name : undefined;
    if (!isRecord(r) || typeof r.role !== 'string' || !/^[A-Z_]{1,20}$/.test(r.role)) return { ok: false, problem: `roles[${i}].role: an OCPI Role (CPO, EMSP, HUB, NAP, NSP, OTHER, SCSP)` };
    if (typeof r.party_id !== 'string' || !/^[A-Za-z0-9]{3}$/.test(r.party_id)) return { ok: false, problem: `roles[${i}].party_id: 3 letters or digits` };
    if (typeof r.country_code !== 'string' || !/^[A-Za-z]{2}$/.test(r.country_code)) return { ok: false, problem: `roles[${i}].country_code: an ISO 3166-1 alpha-2 code` };
    if (typeof name !== 'string' || name.length === 0 || name.length > 100) return { ok: false, problem: `roles[${i}].business_details.name: 1 to 100 characters` };
    // CiString: the case carries no meaning; kept upper case.
    roles.push({ role: r.role, countryCode: r.country_code.toUpperCase(), partyId: r.party_id.toUpperCase(), name });
  }
  return { ok: true, value: { token: data.token, url: data.url, roles } };
}
