import type { FastifyInstance } from 'fastify';
import { OSLO_ZONE } from '../../../core/oslo-calendar.ts';
import { REPORT_BYS, REPORT_GROUPS, type ReportBy, type ReportGroup } from '../../../core/report-period.ts';
import type { Reports } from '../../../usecases/operator/reports.ts';
import { sendError } from './api-deps.ts';
import { errors } from './api-schemas.ts';

const tags = ['reports'];
const int = { type: 'integer' } as const;
const str = { type: 'string' } as const;
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}(-\\d{2})?$' } as const;

const query = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to'],
  properties: {
    from: { ...day, description: 'first Oslo day (YYYY-MM-DD) or month (YYYY-MM), included' },
    to: { ...day, description: 'last Oslo day (YYYY-MM-DD) or month (YYYY-MM), included' },
    group: { type: 'string', enum: [...REPORT_GROUPS], default: 'day', description: 'one row per Oslo day or month' },
    by: { type: 'string', enum: [...REPORT_BYS], default: 'site', description: 'one row per site or per station' },
  },
} as const;

const figures = {
  sessions: { ...int, description: 'settled sessions whose charge ended in the period' },
  energyWh: { ...int, description: 'energy on their stored bills' },
  netOre: int,
  vatOre: int,
  grossOre: { ...int, description: 'what their stored bills captured (VAT included)' },
  refundsOre: { ...int, description: 'refunds made in the period' },
  chargingSeconds: { ...int, description: 'time the connectors spent in a charge, split over the periods it spans' },
  connectorSeconds: { ...int, description: 'time the connectors existed in the period, up to now' },
  utilisationBasisPoints: { ...int, description: 'chargingSeconds / connectorSeconds; 10000 = 100 %' },
  startFailed: { ...int, description: 'sessions paid for whose charge never started, made in the period' },
  paymentFailed: { ...int, description: 'sessions whose payment was rejected, expired or abandoned, made in the period' },
} as const;

const reportSchema = {
  type: 'object',
  properties: {
    from: str,
    to: str,
    group: str,
    by: str,
    timeZone: str,
    rows: {
      type: 'array',
      items: { type: 'object', properties: { period: { ...str, description: 'YYYY-MM-DD or YYYY-MM, Oslo time' }, siteId: str, siteName: str, stationId: str, stationName: str, ...figures } },
    },
    totals: { type: 'object', properties: figures },
  },
} as const;

// GET /reports: the fleet's figures per Oslo day or month and per site or
// station, from the stored bills (docs/reports.md). Viewers may read it.
export function registerReportsApi(app: FastifyInstance, deps: { reports: Pick<Reports, 'fleet'> }): void {
  app.get<{ Querystring: { from: string; to: string; group: ReportGroup; by: ReportBy } }>(
    '/reports',
    { schema: { tags, summary: 'Sessions, energy, revenue, refunds, utilisation and failed starts per day or month and site or station', querystring: query, response: { 200: reportSchema, ...errors(400, 401) } } },
    async (request, reply) => {
      const report = await deps.reports.fleet(request.query);
      if (!report.ok) return sendError(reply, 400, 'bad_request', report.error);
      return { ...report.value, timeZone: OSLO_ZONE };
    },
  );
}
