import type { FastifyInstance } from 'fastify';
import { validateTariff } from '../../../core/tariff.ts';
import { audit, notFound, sendError, type ApiDeps } from './api-deps.ts';
import { errors, idParams, tariffSchema } from './api-schemas.ts';
import { tariffView } from './api-views.ts';

const tags = ['tariffs'];
const ore = { type: 'integer', minimum: 0 } as const;
const newTariff = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'perKwhOre'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    siteId: { type: ['string', 'null'], description: 'null or absent: the operator-wide default' },
    perKwhOre: { ...ore, description: 'øre per kWh, VAT included: 499 = 4,99 kr' },
    startFeeOre: ore,
    perHourOre: ore,
    idlePerMinuteOre: ore,
    idleGraceMinutes: { type: 'integer', minimum: 0 },
    idleCapOre: ore,
    vatRateBasisPoints: { type: 'integer', minimum: 0, description: '2500 = 25 %' },
    validFrom: { type: 'string', format: 'date-time', description: 'absent: now' },
  },
} as const;

interface NewTariff {
  name: string;
  siteId?: string | null;
  validFrom?: string;
  [price: string]: unknown;
}

// Tariffs are never changed in place: a new price is a new tariff with a
// later validity start, so there is no update here.
export function registerTariffsApi(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/tariffs', { schema: { tags, summary: 'List tariffs, newest validity first', response: { 200: { type: 'object', properties: { tariffs: { type: 'array', items: tariffSchema } } }, ...errors(401) } } }, async () => ({
    tariffs: (await deps.tariffs.list()).map(tariffView),
  }));

  app.get<{ Params: { id: string } }>('/tariffs/:id', { schema: { tags, summary: 'One tariff', params: idParams, response: { 200: tariffSchema, ...errors(401, 404) } } }, async (request, reply) => {
    const t = await deps.tariffs.get(request.params.id);
    return t ? tariffView(t) : notFound(reply, 'tariff');
  });

  app.post<{ Body: NewTariff }>(
    '/tariffs',
    { schema: { tags, summary: 'Create a tariff from a validity start', body: newTariff, response: { 201: tariffSchema, ...errors(400, 401) } } },
    async (request, reply) => {
      const { name, siteId, validFrom, ...prices } = request.body;
      const checked = validateTariff(prices);
      if (!checked.ok) {
        const fields = checked.error.map((e) => `${e.field ?? 'tariff'}: ${e.code.replace(/_/g, ' ')}`).join('; ');
        return sendError(reply, 400, 'bad_request', `The tariff is not valid: ${fields}.`, checked.error.map((e) => ({ ...e })));
      }
      const made = await deps.tariffs.create({ siteId: siteId ?? null, name: name.trim(), tariff: checked.value, validFrom: validFrom ? new Date(validFrom) : deps.now() });
      if (!made.ok) return sendError(reply, 400, 'bad_request', `body/siteId: no site "${siteId}".`);
      await audit(deps, request, { action: 'tariff.create', subjectType: 'tariff', subjectId: made.id, outcome: 'ok', detail: { name, siteId: siteId ?? null, perKwhOre: checked.value.perKwhOre } });
      const entry = await deps.tariffs.get(made.id);
      return reply.code(201).send(entry && tariffView(entry));
    },
  );
}
