import { fleetReport, type FleetReport } from '../../core/fleet-report.ts';
import { reportPeriod, type ReportBy, type ReportGroup } from '../../core/report-period.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { SessionFilter } from '../ports/operator-session-queries.ts';
import type { ReportQueries, SettledSessionRow } from '../ports/report-queries.ts';

export interface ReportsDeps {
  reportQueries: ReportQueries;
  now(): Date;
}

export interface ReportRequest {
  from: string; // Oslo date YYYY-MM-DD or month YYYY-MM, included
  to: string;
  group: ReportGroup;
  by: ReportBy;
}

// What one answer, page or spreadsheet holds: a year of days for 130 stations.
export const MAX_REPORT_ROWS = 50_000;

// The fleet's figures for the operator (src/core/fleet-report.ts) and the
// settled sessions for bookkeeping.
export function reports(d: ReportsDeps) {
  return {
    async fleet(q: ReportRequest): Promise<Result<FleetReport, string>> {
      const period = reportPeriod(q.from, q.to, q.group);
      if (!period.ok) return period;
      const places = await d.reportQueries.places();
      const groups = q.by === 'site' ? new Set(places.map((p) => p.siteId)).size : places.length;
      if (groups * period.value.buckets.length > MAX_REPORT_ROWS) {
        return err(`That is more than ${MAX_REPORT_ROWS} rows: choose a shorter period, group by month or by site.`);
      }
      const fromIso = new Date(period.value.startMs).toISOString();
      const toIso = new Date(period.value.endMs).toISOString();
      const [sessions, refunds, connectors] = await Promise.all([
        d.reportQueries.sessionsTouching(fromIso, toIso),
        d.reportQueries.refundsIn(fromIso, toIso),
        d.reportQueries.connectors(),
      ]);
      return ok(fleetReport({ period: period.value, by: q.by, stations: places, sessions, refunds, connectors, nowMs: d.now().getTime() }));
    },

    settled: (f: Omit<SessionFilter, 'state'>): Promise<SettledSessionRow[]> => d.reportQueries.settledSessions(f),
  };
}

export type Reports = ReturnType<typeof reports>;
