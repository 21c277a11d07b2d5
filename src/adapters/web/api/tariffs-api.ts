import type { FastifyInstance } from 'fastify';
import type { PowerClass } from '../../../core/tariff-assignment.ts';
import { validatePeriods } from '../../../core/tariff-schedule.ts';
import { validateTariff } from '../../../core/tariff.ts';
import { periodErrorMessage, tariffRefusalMessage } from '../tariff-messages.ts';
import { audit, notFound, sendError, type ApiDeps } from './api-deps.ts';
import { errors, idParams, tariffSchema } from './api-schemas.ts';
import { tariffView } from './api-views.ts';

const tags = ['tariffs'];
const ore = { type: 'integer', minimum: 0 } as const;
const prices = {
  perKwhOre: { ...ore, description: 'øre per kWh, VAT included: 499 = 4,99 kr' },
  startFeeOre: ore,
  perHourOre: ore,
  idlePerMinuteOre: ore,
  idleGraceMinutes: { type: 'integer', minimum: 0 },
  idleCapOre: ore,
} as const;
const newTariff = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'perKwhOre'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    siteId: { type: ['string', 'null'], description: 'null or absent: the operator-wide default (with a power class: operator-wide for that class)' },
    connectorId: { type: ['string', 'null'], description: 'this connector only; the most specific assignment' },
    powerClass: {
      type: ['object', 'null'],
      additionalProperties: false,
      description: 'connectors of this current and power range, operator-wide or at siteId: more specific than a site, less than a connector',
      properties: {
        current: { type: ['string', 'null'], enum: ['AC', 'DC', null] },
        minPowerW: { type: 'integer', minimum: 0, description: 'rated at least this; absent: 0' },
        maxPowerW: { type: ['integer', 'null'], minimum: 1, description: 'rated below this; null or absent: no upper bound' },
      },
    },
    periods: {
      type: 'array',
      description: 'times of the week (Europe/Oslo) with their own prices; the base prices apply outside them. Periods may not overlap.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['days', 'from', 'to'],
        properties: {
          days: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 7 }, minItems: 1, description: '1 = Monday … 7 = Sunday' },
          from: { type: 'string', pattern: '^\\d\\d:\\d\\d$', description: '"17:00"' },
          to: { type: 'string', pattern: '^\\d\\d:\\d\\d$', description: '"21:00"; "24:00" for midnight; at or before from: the next day' },
          ...prices,
        },
      },
    },
    ...prices,
    vatRateBasisPoints: { type: 'integer', minimum: 0, description: '2500 = 25 %' },
    validFrom: { type: 'string', format: 'date-time', description: 'absent: now' },
  },
} as const;

interface NewTariff {
  name: string;
  siteId?: string | null;
  connectorId?: string | null;
  powerClass?: { current?: 'AC' | 'DC' | null; minPowerW?: number; maxPowerW?: number | null } | null;
  periods?: unknown[];
  validFrom?: string;
  [price: string]: unknown;
}

function powerClassOf(c: NewTariff['powerClass']): PowerClass | null {
  return c ? { current: c.current ?? null, minPowerW: c.minPowerW ?? 0, maxPowerW: c.maxPowerW ?? null } : null;
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
    {
      schema: {
        tags,
        summary: 'Create a tariff from a validity start',
        description:
          'A tariff is assigned operator-wide, to a site, to a power class (operator-wide or at a site) or to one connector; the most specific one in force applies. Periods price times of the week otherwise (Europe/Oslo, summer time included). A session keeps the price in effect when it was created to its end (docs/pricing.md).',
        body: newTariff,
        response: { 201: tariffSchema, ...errors(400, 401, 409) },
      },
    },
    async (request, reply) => {
      const { name, siteId, connectorId, powerClass, periods, validFrom, ...base } = request.body;
      const checked = validateTariff(base);
      if (!checked.ok) {
        const fields = checked.error.map((e) => `${e.field ?? 'tariff'}: ${e.code.replace(/_/g, ' ')}`).join('; ');
        return sendError(reply, 400, 'bad_request', `The tariff is not valid: ${fields}.`, checked.error.map((e) => ({ ...e })));
      }
      const schedule = validatePeriods(checked.value, periods);
      if (!schedule.ok) {
        return sendError(reply, 400, 'bad_request', schedule.error.map(periodErrorMessage).join(' '), schedule.error.map((e) => ({ ...e })));
      }
      const made = await deps.tariffs.create({
        siteId: siteId ?? null,
        connectorId: connectorId ?? null,
        powerClass: powerClassOf(powerClass),
        name: name.trim(),
        tariff: checked.value,
        periods: schedule.value,
        validFrom: validFrom ? new Date(validFrom) : deps.now(),
      });
      if (!made.ok) {
        const details = made.reason === 'class_conflict' ? made.conflicts.map((c) => ({ tariffId: c.id, name: c.name, siteId: c.siteId, powerClass: c.powerClass })) : undefined;
        // A clash with a tariff already in the book is 409; the rest is the body's fault.
        if (made.reason === 'class_conflict') return sendError(reply, 409, 'conflict', tariffRefusalMessage(made), details);
        if (made.reason === 'no_site') return sendError(reply, 400, 'bad_request', `body/siteId: no site "${siteId}".`);
        if (made.reason === 'no_connector') return sendError(reply, 400, 'bad_request', `body/connectorId: no connector "${connectorId}".`);
        return sendError(reply, 400, 'bad_request', tariffRefusalMessage(made));
      }
      await audit(deps, request, {
        action: 'tariff.create',
        subjectType: 'tariff',
        subjectId: made.id,
        outcome: 'ok',
        detail: { name, siteId: siteId ?? null, connectorId: connectorId ?? null, powerClass: powerClassOf(powerClass), perKwhOre: checked.value.perKwhOre, periods: schedule.value.length },
      });
      const entry = await deps.tariffs.get(made.id);
      return reply.code(201).send(entry && tariffView(entry));
    },
  );
}
