import type { OpenAPIV3 } from 'openapi-types';
import { DATEX2_PREFIX } from '../datex2/datex2-routes.ts';

// The AFIR DATEX II feed (docs/datex2.md) as OpenAPI: open, with `since`,
// entity tags and a limit per client address. The publications themselves
// are the AFIR DATEX II Recharging Profile's, described by its schemas
// (specs/datex2/01-00-00/ in the source), not copied here.

export const AFIR_PROFILE = 'https://github.com/MobilithekDE/AFIR-DATEX-II-Recharging-Profil';

const header = (description: string, type: 'string' | 'integer' = 'string'): OpenAPIV3.HeaderObject => ({ description, schema: { type } });
const problem: OpenAPIV3.SchemaObject = { type: 'object', required: ['error', 'message'], properties: { error: { type: 'string' }, message: { type: 'string' } } };
const limits = {
  'X-RateLimit-Limit': header('requests a minute from one client address to this route', 'integer'),
  'X-RateLimit-Remaining': header('left in this minute', 'integer'),
  'X-RateLimit-Reset': header('seconds until the count starts again', 'integer'),
};

function publication(o: { id: string; path: string; summary: string; what: string; schema: string; maxAge: number; since: string; noContent?: string }): OpenAPIV3.PathsObject {
  const kept = { 'Cache-Control': header(`public, max-age=${o.maxAge}`), 'Access-Control-Allow-Origin': header('*') };
  const responses: OpenAPIV3.ResponsesObject = {
    '200': {
      description: `The ${o.what}; gzip or brotli when asked`,
      headers: { ETag: header("the content's entity tag (without the times that only say when the answer was made)"), ...kept, ...limits },
      content: { 'application/json': { schema: { type: 'object', description: `The profile's ${o.schema} (specs/datex2/01-00-00/${o.path}/ in the source)`, externalDocs: { url: AFIR_PROFILE, description: 'AFIR DATEX II Recharging Profile 01-00-00' } } } },
    },
    ...(o.noContent ? { '204': { description: o.noContent, headers: kept } } : {}),
    '304': { description: 'If-None-Match names the current ETag: nothing changed', headers: { ETag: header('the same tag'), ...kept } },
    '400': { description: '`since` is not one RFC 3339 date-time with its offset', content: { 'application/json': { schema: problem } } },
    '429': { description: 'More than the limit a minute from one client address to this route', headers: { 'Retry-After': header('seconds', 'integer'), ...limits }, content: { 'application/json': { schema: problem } } },
    '500': { description: "Something failed on Ladepay's side (the detail only in its log)", content: { 'application/json': { schema: problem } } },
  };
  const get: OpenAPIV3.OperationObject = {
    tags: ['datex2'],
    operationId: o.id,
    summary: o.summary,
    description: 'Open to anyone: AFIR art. 20 wants the data free to all. 60 requests a minute per client address and route.',
    externalDocs: { url: AFIR_PROFILE, description: 'AFIR DATEX II Recharging Profile 01-00-00 (Mobilithek)' },
    security: [],
    parameters: [
      { name: 'since', in: 'query', required: false, schema: { type: 'string', format: 'date-time' }, description: `${o.since} An RFC 3339 date-time with its offset (2026-03-02T08:00:00Z, 2026-03-02T09:00:00+01:00); one without is refused.` },
      { name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' }, description: 'an ETag this route gave: 304 while the data is the same' },
    ],
    responses,
  };
  return { [`${DATEX2_PREFIX}/${o.path}`]: { get } };
}

export function datex2Paths(): OpenAPIV3.PathsObject {
  return {
    ...publication({
      id: 'datex2Table',
      path: 'table',
      summary: 'The static data: an EnergyInfrastructureTablePublication in a D2Payload',
      what: 'table of every complete site',
      schema: 'DATEXII_3_D2Payload.json',
      maxAge: 300,
      since: 'Only the sites whose static data changed after this, each whole.',
      noContent: 'No site to publish: none is complete, or none changed since `since` (a table must hold a site)',
    }),
    ...publication({
      id: 'datex2Status',
      path: 'status',
      summary: 'The dynamic data: an EnergyInfrastructureStatusPublication in a MessageContainer',
      what: 'status of every station (snapshotPull), or of those changed since `since` (deltaPull; none changed: an empty payload)',
      schema: 'DATEXII_3_MessageContainer.json',
      maxAge: 30,
      since: 'Only the stations whose status or current price changed after this, each with all its points.',
    }),
  };
}
