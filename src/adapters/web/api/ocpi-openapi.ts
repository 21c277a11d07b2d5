import type { OpenAPIV3 } from 'openapi-types';
import { MAX_LOCATIONS_PER_PAGE, MAX_TARIFFS_PER_PAGE } from '../ocpi/sender-routes.ts';
import { OCPI_VERSION } from '../../../usecases/ocpi/ocpi-wire.ts';
import { OCPI_SPEC, ocpiAnswer, ocpiSchemaRef as ref } from './ocpi-openapi-schemas.ts';

// The OCPI 2.2.1 interface under /ocpi (docs/ocpi.md) as OpenAPI: each route
// with its parameters, its token and its answers. The routes themselves are
// registered in src/adapters/web/ocpi/; test/feeds/feeds-openapi.e2e.ts holds
// the two to each other.

const base = `/ocpi/${OCPI_VERSION}`;
const security = [{ ocpiToken: [] }];
const tags = ['ocpi'];

const header = (description: string, schema: OpenAPIV3.SchemaObject = { type: 'string' }): OpenAPIV3.HeaderObject => ({ description, schema });
const refTo = (kind: 'responses' | 'parameters' | 'headers', name: string): OpenAPIV3.ReferenceObject => ({ $ref: `#/components/${kind}/${name}` });
const messageIds = { 'X-Request-ID': refTo('headers', 'OcpiRequestId'), 'X-Correlation-ID': refTo('headers', 'OcpiCorrelationId') };
const routing = {
  'OCPI-from-country-code': header("Ladepay's country code"),
  'OCPI-from-party-id': header("Ladepay's party id"),
  'OCPI-to-country-code': header("the caller's OCPI-from-country-code, else the country code of the first role it registered with"),
  'OCPI-to-party-id': header("the caller's OCPI-from-party-id, else the party id of its first role"),
};

function json(description: string, schema: OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject, headers: Record<string, OpenAPIV3.HeaderObject | OpenAPIV3.ReferenceObject> = {}): OpenAPIV3.ResponseObject {
  return { description, headers: { ...messageIds, ...headers }, content: { 'application/json': { schema } } };
}

export const OCPI_RESPONSES: Record<string, OpenAPIV3.ResponseObject> = {
  OcpiUnauthorized: json('No `Authorization: Token …`, a token Ladepay does not know (a revoked one too), a Token A after its handshake, or a Token A or an unregistered partner on Locations or Tariffs: OCPI 2000', ref('OcpiResponse'), {
    'WWW-Authenticate': header('Token'),
  }),
  OcpiTooManyWrongTokens: json('Too many wrong tokens from one client address (30 a minute): OCPI 2000', ref('OcpiResponse'), { 'Retry-After': header('seconds', { type: 'integer' }) }),
  OcpiNotJson: json('The body is not JSON: OCPI 2001', ref('OcpiResponse')),
  OcpiNotAllowed: json('POST when registered already, PUT or DELETE before registration: OCPI 2000', ref('OcpiResponse'), { Allow: header('GET, POST, PUT, DELETE') }),
  OcpiUnknownObject: json('An unknown Location, EVSE or Connector (an incomplete site too): OCPI 2003', ref('OcpiResponse'), routing),
  OcpiServerError: json("Something failed on Ladepay's side (the detail only in its log): OCPI 3000", ref('OcpiResponse')),
};

export const OCPI_HEADERS: Record<string, OpenAPIV3.HeaderObject> = {
  OcpiRequestId: header("the request's X-Request-ID, or a new one when it had none"),
  OcpiCorrelationId: header("the request's X-Correlation-ID, or a new one when it had none"),
};

const optionalHeader = (name: string, description: string): OpenAPIV3.ParameterObject => ({ name, in: 'header', required: false, description, schema: { type: 'string' } });
const pathParam = (name: string, description: string): OpenAPIV3.ParameterObject => ({ name, in: 'path', required: true, description: `${description} (a CiString: SITE finds site)`, schema: { type: 'string', maxLength: 36 } });

export const OCPI_PARAMETERS: Record<string, OpenAPIV3.ParameterObject> = {
  XRequestId: optionalHeader('X-Request-ID', 'answered back; made when missing'),
  XCorrelationId: optionalHeader('X-Correlation-ID', 'answered back; made when missing'),
  FromCountryCode: optionalHeader('OCPI-from-country-code', "the caller's country code, answered as OCPI-to-country-code"),
  FromPartyId: optionalHeader('OCPI-from-party-id', "the caller's party id, answered as OCPI-to-party-id"),
  LocationId: pathParam('location_id', "the Location's id, the site's"),
  EvseUid: pathParam('evse_uid', "the EVSE's uid, the connector's public code"),
  ConnectorId: pathParam('connector_id', 'the Connector id: 1'),
};

const ids = [refTo('parameters', 'XRequestId'), refTo('parameters', 'XCorrelationId')];
const functional = [...ids, refTo('parameters', 'FromCountryCode'), refTo('parameters', 'FromPartyId')];
const always = { '401': refTo('responses', 'OcpiUnauthorized'), '429': refTo('responses', 'OcpiTooManyWrongTokens'), '500': refTo('responses', 'OcpiServerError') };

function operation(o: { id: string; summary: string; description: string; page: string; parameters?: Array<OpenAPIV3.ParameterObject | OpenAPIV3.ReferenceObject>; responses: OpenAPIV3.ResponsesObject }): OpenAPIV3.OperationObject {
  return {
    tags,
    operationId: o.id,
    summary: o.summary,
    description: o.description,
    externalDocs: { url: `${OCPI_SPEC}/${o.page}`, description: `OCPI ${OCPI_VERSION}` },
    security,
    parameters: o.parameters ?? ids,
    responses: { ...o.responses, ...always },
  };
}

const credentialsBody: OpenAPIV3.RequestBodyObject = { required: true, content: { 'application/json': { schema: ref('OcpiCredentials') } } };
const exchanged = json(
  "Success (1000) with Ladepay's credentials and a new token (Token C); or, in the envelope, 2001 credentials that are not (named), 3001 the partner's versions or details could not be read, 3002 it offers no 2.2.1, 3000 OCPI_PARTY_ID not set",
  ocpiAnswer(ref('OcpiCredentials')),
);

function list(what: string, max: number, item: string, page: string): OpenAPIV3.PathItemObject {
  const query = (name: string, schema: OpenAPIV3.SchemaObject, description: string): OpenAPIV3.ParameterObject => ({ name, in: 'query', required: false, schema, description });
  const when = (edge: string) => `${edge} on last_updated: an OCPI DateTime in UTC (2026-03-02T08:00:00Z; no Z is UTC too; an offset is refused)`;
  return {
    get: operation({
      id: `ocpi${what}List`,
      summary: `The ${what}, paged (OCPI SENDER; a registered partner's token)`,
      description: `${max} a page at most (a larger limit is lowered). The list answers with a trailing slash too, as the spec's examples write it. A bad offset, limit or date, or one given twice: HTTP 200 with OCPI 2001.`,
      page,
      parameters: [
        ...functional,
        query('offset', { type: 'integer', minimum: 0, default: 0 }, 'objects to skip'),
        query('limit', { type: 'integer', minimum: 1, default: max }, `objects a page, at most ${max}`),
        query('date_from', { type: 'string', format: 'date-time' }, when('inclusive,')),
        query('date_to', { type: 'string', format: 'date-time' }, when('exclusive,')),
      ],
      responses: {
        '200': json(`A page of ${what} (1000), or 2001 for a bad parameter`, ocpiAnswer({ type: 'array', items: ref(item) }), {
          Link: header('<…?offset=50&limit=50&date_from=…>; rel="next" with the same filters, unless this is the last page'),
          'X-Total-Count': header('all that match the dates', { type: 'integer' }),
          'X-Limit': header('the limit used', { type: 'integer' }),
          ...routing,
        }),
      },
    }),
  };
}

function one(id: string, summary: string, item: string, params: string[]): OpenAPIV3.PathItemObject {
  return {
    get: operation({
      id,
      summary: `${summary} (OCPI SENDER; a registered partner's token)`,
      description: 'Identifiers are CiStrings. An unknown one: HTTP 404 with OCPI 2003.',
      page: 'mod_locations.asciidoc',
      parameters: [...functional, ...params.map((p) => refTo('parameters', p))],
      responses: { '200': json(summary, ocpiAnswer(ref(item)), routing), '404': refTo('responses', 'OcpiUnknownObject') },
    }),
  };
}

export function ocpiPaths(): OpenAPIV3.PathsObject {
  return {
    '/ocpi/versions': {
      get: operation({
        id: 'ocpiVersions',
        summary: 'The OCPI versions Ladepay speaks (2.2.1) and where their details are',
        description: 'Any token of Ladepay\'s, a Token A too. The URL partners are given with their token.',
        page: 'version_information_endpoint.asciidoc',
        responses: { '200': json('Success (1000)', ocpiAnswer({ type: 'array', items: ref('OcpiVersion') })) },
      }),
    },
    [base]: {
      get: operation({
        id: 'ocpiVersionDetails',
        summary: 'The endpoints of 2.2.1: credentials, and locations and tariffs as SENDER',
        description: 'Any token of Ladepay\'s, a Token A too.',
        page: 'version_information_endpoint.asciidoc',
        responses: { '200': json('Success (1000)', ocpiAnswer(ref('OcpiVersionDetails'))) },
      }),
    },
    [`${base}/credentials`]: {
      get: operation({
        id: 'ocpiCredentialsGet',
        summary: 'The credentials the caller uses with Ladepay',
        description: 'Any token of Ladepay\'s, a Token A too.',
        page: 'credentials.asciidoc',
        responses: { '200': json('Success (1000), or 3000 when OCPI_PARTY_ID is not set', ocpiAnswer(ref('OcpiCredentials'))) },
      }),
      post: {
        ...operation({
          id: 'ocpiCredentialsRegister',
          summary: 'Register with a Token A: Ladepay reads the partner\'s versions with its token, then answers with a token of its own',
          description: 'The handshake, step by step: docs/ocpi.md. A failed attempt changes nothing; the Token A stays for another try.',
          page: 'credentials.asciidoc',
          responses: { '200': exchanged, '400': refTo('responses', 'OcpiNotJson'), '405': refTo('responses', 'OcpiNotAllowed') },
        }),
        requestBody: credentialsBody,
      },
      put: {
        ...operation({
          id: 'ocpiCredentialsUpdate',
          summary: 'New credentials of a registered partner (its token or endpoints): Ladepay reads its versions again and answers with a new token',
          description: 'The old token of Ladepay\'s stops working.',
          page: 'credentials.asciidoc',
          responses: { '200': exchanged, '400': refTo('responses', 'OcpiNotJson'), '405': refTo('responses', 'OcpiNotAllowed') },
        }),
        requestBody: credentialsBody,
      },
      delete: operation({
        id: 'ocpiCredentialsUnregister',
        summary: 'Unregister: every token between the two ends',
        description: 'A registered partner\'s token; no body.',
        page: 'credentials.asciidoc',
        responses: { '200': json('Unregistered (1000)', ref('OcpiResponse')), '405': refTo('responses', 'OcpiNotAllowed') },
      }),
    },
    [`${base}/locations`]: list('Locations', MAX_LOCATIONS_PER_PAGE, 'OcpiLocation', 'mod_locations.asciidoc'),
    [`${base}/locations/{location_id}`]: one('ocpiLocation', 'One Location', 'OcpiLocation', ['LocationId']),
    [`${base}/locations/{location_id}/{evse_uid}`]: one('ocpiEvse', 'One EVSE of a Location', 'OcpiEvse', ['LocationId', 'EvseUid']),
    [`${base}/locations/{location_id}/{evse_uid}/{connector_id}`]: one('ocpiConnector', 'One Connector of an EVSE', 'OcpiConnector', ['LocationId', 'EvseUid', 'ConnectorId']),
    [`${base}/tariffs`]: list('Tariffs', MAX_TARIFFS_PER_PAGE, 'OcpiTariff', 'mod_tariffs.asciidoc'),
  };
}
