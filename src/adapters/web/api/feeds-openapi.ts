import type { OpenAPIV3 } from 'openapi-types';
import { AFIR_PROFILE, datex2Paths } from './datex2-openapi.ts';
import { OCPI_HEADERS, OCPI_PARAMETERS, OCPI_RESPONSES, ocpiPaths } from './ocpi-openapi.ts';
import { OCPI_SCHEMAS, OCPI_SPEC } from './ocpi-openapi-schemas.ts';

// What the OpenAPI document at /docs adds to the REST API's own routes: the
// charger feeds, which live outside /api/v1 with their own auth and answers
// (OCPI's envelope and token; DATEX II open), given as written-out paths
// because their routes are registered outside the API's swagger scope.
export function feedsOpenApi() {
  const tags: OpenAPIV3.TagObject[] = [
    {
      name: 'ocpi',
      description: "OCPI 2.2.1: the partners in the API (/api/v1/ocpi, owners' bearer token), and the CPO interface partners call under /ocpi with `Authorization: Token <base64>` (docs/ocpi.md). Every /ocpi answer is OCPI's envelope, gzipped (`Content-Encoding: gzip`) from 1 KB for a partner that sends `Accept-Encoding: gzip`; an unknown path under /ocpi is HTTP 404 with OCPI 2000.",
      externalDocs: { url: `${OCPI_SPEC}/transport_and_format.asciidoc`, description: 'OCPI 2.2.1, transport and format' },
    },
    {
      name: 'datex2',
      description: "The AFIR DATEX II feed (docs/datex2.md): the static table and the dynamic status as the AFIR DATEX II Recharging Profile 01-00-00 describes them (DATEX II v3 JSON), open to anyone.",
      externalDocs: { url: AFIR_PROFILE, description: 'AFIR DATEX II Recharging Profile (Mobilithek)' },
    },
  ];
  const securitySchemes: Record<string, OpenAPIV3.SecuritySchemeObject> = {
    ocpiToken: {
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
      description: "The whole header value: `Token ` and the credentials token, UTF-8 then Base64. A Token A opens versions and credentials only; a registered partner's token everything (docs/ocpi.md, Tokens).",
    },
  };
  return {
    paths: { ...ocpiPaths(), ...datex2Paths() },
    tags,
    components: { securitySchemes, schemas: OCPI_SCHEMAS, responses: OCPI_RESPONSES, parameters: OCPI_PARAMETERS, headers: OCPI_HEADERS },
  };
}
