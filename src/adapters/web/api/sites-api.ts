import type { FastifyInstance } from 'fastify';
import type { SiteChange, SiteInput } from '../../../usecases/operator/site-admin.ts';
import { audit, notFound, sendError, type ApiDeps } from './api-deps.ts';
import { errors, idParams, siteSchema } from './api-schemas.ts';
import { siteView } from './api-views.ts';
import { refuseSiteData } from './feed-refusals.ts';
import { siteDataBody, siteFeedSchema } from './feed-schemas.ts';

const tags = ['sites'];
const newSite = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name'],
  properties: {
    id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,47}$', description: 'short id for URLs, e.g. oslo-sentrum' },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    address: { type: 'string', maxLength: 200, default: '' },
    ...siteDataBody,
  },
} as const;
const sitePatch = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, address: { type: 'string', maxLength: 200 }, disabled: { type: 'boolean' }, ...siteDataBody },
} as const;

export function registerSitesApi(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/sites', { schema: { tags, summary: 'List sites', response: { 200: { type: 'object', properties: { sites: { type: 'array', items: siteSchema } } }, ...errors(401) } } }, async () => ({
    sites: (await deps.sites.list()).map(siteView),
  }));

  app.get<{ Params: { id: string } }>('/sites/:id', { schema: { tags, summary: 'One site', params: idParams, response: { 200: siteSchema, ...errors(401, 404) } } }, async (request, reply) => {
    const site = await deps.sites.get(request.params.id);
    return site ? siteView(site) : notFound(reply, 'site');
  });

  app.get<{ Params: { id: string } }>(
    '/sites/:id/feed',
    { schema: { tags, summary: 'Whether the site has all the charger feeds need, what is missing, and its EVSE ids (docs/feed-data.md)', params: idParams, response: { 200: siteFeedSchema, ...errors(401, 404) } } },
    async (request, reply) => {
      const feed = await deps.feeds.site(request.params.id);
      if (!feed) return notFound(reply, 'site');
      return {
        siteId: feed.site.id,
        complete: feed.completeness.complete,
        missing: feed.completeness.missing,
        operator: { countryCode: feed.operator.countryCode, partyId: feed.operator.partyId ?? null, helpLine: feed.operator.helpLine ?? null },
        evses: feed.connectors.map((c) => ({ connectorId: c.id, code: c.code, evseId: c.evseId })),
      };
    },
  );

  app.post<{ Body: SiteInput }>('/sites', { schema: { tags, summary: 'Create a site', body: newSite, response: { 201: siteSchema, ...errors(400, 401, 409) } } }, async (request, reply) => {
    const b = request.body;
    const made = await deps.sites.create({ ...b, name: b.name.trim(), address: b.address.trim() });
    if (!made.ok && made.reason === 'invalid') return refuseSiteData(reply, made.errors);
    if (!made.ok) return sendError(reply, 409, 'conflict', `A site with id "${b.id}" exists already.`);
    await audit(deps, request, { action: 'site.create', subjectType: 'site', subjectId: b.id, outcome: 'ok', detail: { name: b.name } });
    const site = await deps.sites.get(b.id);
    return reply.code(201).send(site && siteView(site));
  });

  app.patch<{ Params: { id: string }; Body: SiteChange }>(
    '/sites/:id',
    { schema: { tags, summary: 'Rename, move or disable a site, or change what the charger feeds say of it', params: idParams, body: sitePatch, response: { 200: siteSchema, ...errors(400, 401, 404) } } },
    async (request, reply) => {
      const updated = await deps.sites.update(request.params.id, request.body);
      if (!updated.ok && updated.reason === 'invalid') return refuseSiteData(reply, updated.errors);
      if (!updated.ok) return notFound(reply, 'site');
      await audit(deps, request, { action: 'site.update', subjectType: 'site', subjectId: request.params.id, outcome: 'ok', detail: { ...request.body } });
      return siteView(updated.site);
    },
  );
}
