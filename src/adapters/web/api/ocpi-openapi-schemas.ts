import type { OpenAPIV3 } from 'openapi-types';
import { OCPI_STATUS } from '../ocpi/ocpi-envelope.ts';

// Short schemas of what the OCPI interface answers: the envelope and the main
// fields of each object. Every field and why it holds what it does is in the
// spec's module pages and docs/feed-mapping.md, not repeated here.

export const OCPI_SPEC = 'https://github.com/ocpi/ocpi/blob/release-2.2.1-bugfixes';

const spec = (page: string, what: string): OpenAPIV3.ExternalDocumentationObject => ({ url: `${OCPI_SPEC}/${page}`, description: `OCPI 2.2.1, ${what}` });
const text = (description?: string): OpenAPIV3.SchemaObject => ({ type: 'string', ...(description ? { description } : {}) });
const dateTime: OpenAPIV3.SchemaObject = { type: 'string', format: 'date-time', description: 'UTC' };
const ref = (name: string): OpenAPIV3.ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

const role: OpenAPIV3.SchemaObject = {
  type: 'object',
  properties: { role: text('CPO, EMSP, HUB, NAP, NSP, OTHER or SCSP'), party_id: text(), country_code: text(), business_details: { type: 'object', properties: { name: text() } } },
};

const connector: OpenAPIV3.SchemaObject = {
  type: 'object',
  description: 'One per EVSE, id "1"',
  externalDocs: spec('mod_locations.asciidoc', 'Connector object'),
  properties: {
    id: text(),
    standard: text('ConnectorType: IEC_62196_T2, IEC_62196_T2_COMBO, CHADEMO …'),
    format: text('SOCKET or CABLE'),
    power_type: text('AC_1_PHASE, AC_3_PHASE or DC'),
    max_voltage: { type: 'integer' },
    max_amperage: { type: 'integer' },
    max_electric_power: { type: 'integer', description: 'W' },
    tariff_ids: { type: 'array', items: text() },
    terms_and_conditions: text(),
    last_updated: dateTime,
  },
};

const evse: OpenAPIV3.SchemaObject = {
  type: 'object',
  externalDocs: spec('mod_locations.asciidoc', 'EVSE object'),
  properties: {
    uid: text('the connector\'s public code'),
    evse_id: text('eMI3: NO*LDP*E25QVCJ'),
    status: text('AVAILABLE, CHARGING, OUTOFORDER, UNKNOWN, REMOVED …'),
    connectors: { type: 'array', items: ref('OcpiConnector') },
    physical_reference: text(),
    parking_restrictions: { type: 'array', items: text() },
    last_updated: dateTime,
  },
};

const location: OpenAPIV3.SchemaObject = {
  type: 'object',
  description: 'A complete site (docs/feed-data.md); what each field holds: docs/feed-mapping.md',
  externalDocs: spec('mod_locations.asciidoc', 'Location object'),
  properties: {
    country_code: text(),
    party_id: text(),
    id: text(),
    publish: { type: 'boolean' },
    name: text(),
    address: text(),
    city: text(),
    postal_code: text(),
    country: text('ISO 3166-1 alpha-3'),
    coordinates: { type: 'object', properties: { latitude: text(), longitude: text() } },
    parking_type: text(),
    evses: { type: 'array', items: ref('OcpiEvse') },
    operator: { type: 'object', properties: { name: text() } },
    time_zone: text(),
    opening_times: { type: 'object', description: 'OCPI Hours' },
    last_updated: dateTime,
  },
};

const tariff: OpenAPIV3.SchemaObject = {
  type: 'object',
  description: 'Prices as the driver pays them, VAT given; a changed price is a new tariff id (docs/feed-mapping.md)',
  externalDocs: spec('mod_tariffs.asciidoc', 'Tariff object'),
  properties: {
    country_code: text(),
    party_id: text(),
    id: text(),
    currency: text('NOK'),
    type: text('AD_HOC_PAYMENT'),
    tariff_alt_text: { type: 'array', items: { type: 'object', properties: { language: text(), text: text() } } },
    elements: { type: 'array', items: { type: 'object', description: 'price_components, and restrictions for a period' } },
    last_updated: dateTime,
  },
};

const envelope: OpenAPIV3.SchemaObject = {
  type: 'object',
  description: 'On every answer, errors too: data is left out when there is none (docs/ocpi.md)',
  externalDocs: spec('transport_and_format.asciidoc', 'response format'),
  required: ['status_code', 'status_message', 'timestamp'],
  properties: {
    data: {},
    status_code: {
      type: 'integer',
      enum: Object.values(OCPI_STATUS),
      description: '1000 success; 2000 client error (401, 404, 405, 429); 2001 invalid or missing parameters; 2003 unknown Location, EVSE or Connector; 3000 server error; 3001 the partner\'s API could not be used; 3002 no common version',
    },
    status_message: text(),
    timestamp: dateTime,
  },
};

export const OCPI_SCHEMAS: Record<string, OpenAPIV3.SchemaObject> = {
  OcpiResponse: envelope,
  OcpiVersion: { type: 'object', properties: { version: text('2.2.1'), url: text('the version details') } },
  OcpiVersionDetails: {
    type: 'object',
    externalDocs: spec('version_information_endpoint.asciidoc', 'version details'),
    properties: { version: text(), endpoints: { type: 'array', items: { type: 'object', properties: { identifier: text(), role: text('SENDER'), url: text() } } } },
  },
  OcpiCredentials: {
    type: 'object',
    externalDocs: spec('credentials.asciidoc', 'Credentials object'),
    required: ['token', 'url', 'roles'],
    properties: { token: text('at most 64 printable ASCII characters'), url: text('the versions URL'), roles: { type: 'array', minItems: 1, items: role } },
  },
  OcpiLocation: location,
  OcpiEvse: evse,
  OcpiConnector: connector,
  OcpiTariff: tariff,
};

// The envelope with `data` of the given shape.
export function ocpiAnswer(data: OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject): OpenAPIV3.SchemaObject {
  return { allOf: [ref('OcpiResponse'), { type: 'object', properties: { data } }] };
}

export const ocpiSchemaRef = ref;
