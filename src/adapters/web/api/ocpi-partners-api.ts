import type { FastifyInstance } from 'fastify';
import type { HandMadeInput } from '../../../usecases/ocpi/hand-made-partner.ts';
import type { PartnerAdmin } from '../../../usecases/ocpi/partner-admin.ts';
import { versionsUrl, type OurPlatform } from '../../../usecases/ocpi/our-platform.ts';
import { audit, notFound, sendError, type ApiDeps } from './api-deps.ts';
import { errors, idParams } from './api-schemas.ts';
import { handMadeBody, issuedAnswer, partnerSchema, registrationBody, tokenABody } from './ocpi-partners-schemas.ts';

const tags = ['ocpi'];
const owner = 'owner' as const;

export interface OcpiPartnersApiDeps {
  ocpiPartners: PartnerAdmin;
  ocpiPlatform: Pick<OurPlatform, 'baseUrl'>;
}

// OCPI partners (owners only, like API tokens: the answers carry tokens).
// GET /ocpi/partners, POST /ocpi/token-a, POST /ocpi/partners (by hand),
// POST /ocpi/registrations (Ladepay registers itself), POST
// /ocpi/partners/{id}/unregister. docs/ocpi.md.
export function registerOcpiPartnersApi(app: FastifyInstance, deps: ApiDeps & OcpiPartnersApiDeps): void {
  const partners = deps.ocpiPartners;
  const ours = versionsUrl(deps.ocpiPlatform);

  app.get('/ocpi/partners', { config: { role: owner }, schema: { tags, summary: 'The OCPI partners, oldest first', response: { 200: { type: 'object', properties: { partners: { type: 'array', items: partnerSchema } } }, ...errors(401, 403) } } }, async () => ({
    partners: await partners.list(),
  }));

  app.get<{ Params: { id: string } }>('/ocpi/partners/:id', { config: { role: owner }, schema: { tags, summary: 'One OCPI partner', params: idParams, response: { 200: partnerSchema, ...errors(401, 403, 404) } } }, async (request, reply) => {
    return (await partners.byId(request.params.id)) ?? notFound(reply, 'OCPI partner');
  });

  app.post<{ Body: { name: string } }>(
    '/ocpi/token-a',
    { config: { role: owner }, schema: { tags, summary: 'Make a Token A for a partner that will register with Ladepay (shown once)', body: tokenABody, response: { 201: issuedAnswer, ...errors(400, 401, 403) } } },
    async (request, reply) => {
      const made = await partners.createTokenA(request.body.name);
      if (!made.ok) return sendError(reply, 400, 'bad_request', made.problem);
      await audit(deps, request, { action: 'ocpi.token_a', subjectType: 'ocpi_partner', subjectId: made.partner.id, outcome: 'ok', detail: { name: made.partner.name } });
      return reply.code(201).send({ partner: made.partner, token: made.token, versionsUrl: ours });
    },
  );

  app.post<{ Body: HandMadeInput }>(
    '/ocpi/partners',
    { config: { role: owner }, schema: { tags, summary: 'Add a partner by hand (an access point that skips the credentials module); its pull token is shown once', body: handMadeBody, response: { 201: issuedAnswer, ...errors(400, 401, 403) } } },
    async (request, reply) => {
      const made = await partners.addHandMade(request.body);
      if (!made.ok) return sendError(reply, 400, 'bad_request', made.problems.map((p) => `body/${p.field}: ${p.message}`).join('; '), made.problems);
      await audit(deps, request, { action: 'ocpi.partner_add', subjectType: 'ocpi_partner', subjectId: made.partner.id, outcome: 'ok', detail: { name: made.partner.name, roles: made.partner.roles, endpoints: made.partner.endpoints } });
      return reply.code(201).send({ partner: made.partner, token: made.token, versionsUrl: ours });
    },
  );

  app.post<{ Body: { versionsUrl: string; token: string; name?: string } }>(
    '/ocpi/registrations',
    {
      config: { role: owner },
      schema: { tags, summary: "Register Ladepay with a partner, given its versions URL and Token A; 502 when the partner's interface cannot be used", body: registrationBody, response: { 201: { type: 'object', properties: { partner: partnerSchema } }, ...errors(400, 401, 403, 502) } },
    },
    async (request, reply) => {
      const r = await partners.registerWith(request.body.versionsUrl, request.body.token, request.body.name);
      await audit(deps, request, { action: 'ocpi.register', subjectType: 'ocpi_partner', subjectId: r.ok ? r.partner.id : request.body.versionsUrl, outcome: r.ok ? 'ok' : r.reason, detail: { versionsUrl: request.body.versionsUrl } });
      if (!r.ok) return r.reason === 'bad_input' ? sendError(reply, 400, 'bad_request', r.problem) : sendError(reply, 502, 'ocpi_partner', `${r.reason}: ${r.problem}`);
      return reply.code(201).send({ partner: r.partner });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/ocpi/partners/:id/unregister',
    {
      config: { role: owner },
      schema: { tags, summary: 'End a partnership: the partner is told when it can be, and every token between the two ends', params: idParams, response: { 200: { type: 'object', properties: { partner: partnerSchema, told: { type: 'string', description: 'yes, no_endpoint, or what went wrong telling it' } } }, ...errors(401, 403, 404, 409) } },
    },
    async (request, reply) => {
      const r = await partners.unregister(request.params.id);
      if (!r.ok && r.reason === 'not_found') return notFound(reply, 'OCPI partner');
      await audit(deps, request, { action: 'ocpi.unregister', subjectType: 'ocpi_partner', subjectId: request.params.id, outcome: r.ok ? 'ok' : r.reason, detail: r.ok ? { told: r.told } : {} });
      if (!r.ok) return sendError(reply, 409, 'conflict', 'This partner is unregistered already.');
      return { partner: r.partner, told: r.told };
    },
  );
}
