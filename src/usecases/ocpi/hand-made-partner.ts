import type { PartnerEndpoint, PartnerRole } from './ocpi-partner.ts';
import { isCredentialsToken, isOcpiUrl } from './ocpi-wire.ts';

// OCPI 2.2.1 Role enum.
export const OCPI_ROLES = ['CPO', 'EMSP', 'HUB', 'NAP', 'NSP', 'OTHER', 'SCSP'] as const;

// A partner the operator enters by hand (an access point that skips the
// credentials module), as typed in the CLI, the API or the console.
export interface HandMadeInput {
  name: string;
  roles: Array<{ role: string; countryCode: string; partyId: string }>;
  // The partner's receiver endpoints Ladepay will push to, and its token.
  pushEndpoints?: { locations?: string; tariffs?: string };
  pushToken?: string;
}

export interface HandMadePartner {
  name: string;
  roles: PartnerRole[];
  endpoints: PartnerEndpoint[];
  pushToken: string | null;
}

export type FieldProblems = Array<{ field: string; message: string }>;

// Every wrong field at once, named where it is in the input.
export function checkHandMade(input: HandMadeInput): { ok: true; value: HandMadePartner } | { ok: false; problems: FieldProblems } {
  const problems: FieldProblems = [];
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) problems.push({ field: 'name', message: '1 to 100 characters' });
  if (input.roles.length === 0) problems.push({ field: 'roles', message: 'at least one role' });
  const roles: PartnerRole[] = input.roles.map((r, i) => {
    const role = r.role.trim().toUpperCase();
    if (!(OCPI_ROLES as readonly string[]).includes(role)) problems.push({ field: `roles/${i}/role`, message: `one of ${OCPI_ROLES.join(', ')}` });
    if (!/^[A-Za-z]{2}$/.test(r.countryCode.trim())) problems.push({ field: `roles/${i}/countryCode`, message: 'an ISO 3166-1 alpha-2 code, e.g. NL' });
    if (!/^[A-Za-z0-9]{3}$/.test(r.partyId.trim())) problems.push({ field: `roles/${i}/partyId`, message: '3 letters or digits' });
    return { role, countryCode: r.countryCode.trim().toUpperCase(), partyId: r.partyId.trim().toUpperCase() };
  });
  const endpoints: PartnerEndpoint[] = [];
  for (const identifier of ['locations', 'tariffs'] as const) {
    const url = input.pushEndpoints?.[identifier]?.trim();
    if (!url) continue;
    if (!isOcpiUrl(url)) problems.push({ field: `pushEndpoints/${identifier}`, message: 'an http(s) URL of at most 255 characters' });
    endpoints.push({ identifier, role: 'RECEIVER', url });
  }
  const pushToken = input.pushToken?.trim() || null;
  if (pushToken !== null && !isCredentialsToken(pushToken)) problems.push({ field: 'pushToken', message: '1 to 64 printable ASCII characters, no spaces' });
  if (endpoints.length > 0 && pushToken === null) problems.push({ field: 'pushToken', message: 'the partner’s token is needed to push to its endpoints' });
  if (endpoints.length === 0 && pushToken !== null) problems.push({ field: 'pushEndpoints', message: 'a push token needs at least one push endpoint' });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { name, roles, endpoints, pushToken } };
}
