import { OCPI_ROLES } from '../../../usecases/ocpi/hand-made-partner.ts';
import { PARTNER_ORIGINS, PARTNER_STATES } from '../../../usecases/ocpi/ocpi-partner.ts';

// JSON schemas of the OCPI partners' API (docs/ocpi.md).

const str = { type: 'string' } as const;
const nullableStr = { type: ['string', 'null'] } as const;

export const partnerSchema = {
  type: 'object',
  properties: {
    id: str,
    name: str,
    origin: { type: 'string', enum: [...PARTNER_ORIGINS], description: 'they_registered (with a Token A), we_registered (Ladepay registered itself), hand_made' },
    state: { type: 'string', enum: [...PARTNER_STATES] },
    version: { ...nullableStr, description: 'the OCPI version in use' },
    versionsUrl: { ...nullableStr, description: "the partner's versions endpoint" },
    roles: {
      type: 'array',
      items: { type: 'object', properties: { role: str, countryCode: str, partyId: str, name: str } },
      description: 'OCPI CredentialsRoles as the partner gave them',
    },
    endpoints: { type: 'array', items: { type: 'object', properties: { identifier: str, role: str, url: str } } },
    hasTheirToken: { type: 'boolean', description: 'whether Ladepay holds a token to call the partner (kept sealed, never shown)' },
    push: {
      type: 'object',
      description: 'pushes to the partner (docs/ocpi.md): the last it took and its delay from the change, the failures since, what waits in its queue',
      properties: {
        lastAt: nullableStr,
        failures: { type: 'integer' },
        lastError: nullableStr,
        lastDelayMs: { type: ['integer', 'null'] },
        queued: { type: 'integer' },
        waitingSince: nullableStr,
      },
    },
    createdAt: str,
    updatedAt: str,
  },
} as const;

const roleInput = {
  type: 'object',
  additionalProperties: false,
  required: ['role', 'countryCode', 'partyId'],
  properties: {
    role: { type: 'string', enum: [...OCPI_ROLES] },
    countryCode: { type: 'string', pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2' },
    partyId: { type: 'string', pattern: '^[A-Za-z0-9]{3}$' },
  },
} as const;

const url = { type: 'string', minLength: 1, maxLength: 255 } as const;

export const handMadeBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'roles'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    roles: { type: 'array', minItems: 1, maxItems: 10, items: roleInput },
    pushEndpoints: { type: 'object', additionalProperties: false, properties: { locations: url, tariffs: url }, description: "the partner's receiver endpoints Ladepay will push to" },
    pushToken: { type: 'string', minLength: 1, maxLength: 64, description: "the partner's token for those pushes (kept sealed)" },
  },
} as const;

export const tokenABody = { type: 'object', additionalProperties: false, required: ['name'], properties: { name: { type: 'string', minLength: 1, maxLength: 100 } } } as const;

export const registrationBody = {
  type: 'object',
  additionalProperties: false,
  required: ['versionsUrl', 'token'],
  properties: { versionsUrl: url, token: { type: 'string', minLength: 1, maxLength: 64, description: "the partner's Token A" }, name: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

export const issuedAnswer = {
  type: 'object',
  properties: { partner: partnerSchema, token: { type: 'string', description: 'shown this once' }, versionsUrl: { type: 'string', description: "Ladepay's versions endpoint, to give the partner" } },
} as const;
