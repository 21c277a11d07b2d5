import { osloDateOf } from '../../../core/oslo-calendar.ts';
import { isReportBy, isReportGroup } from '../../../core/report-period.ts';
import type { ReportRequest } from '../../../usecases/operator/reports.ts';
import type { Messages } from './i18n/messages.ts';

function str(q: Record<string, unknown>, name: string): string {
  const v = q[name];
  return typeof v === 'string' ? v.trim().slice(0, 20) : '';
}

// The report the query asks for; unset fields: this month so far, by day and
// site. A value not understood is reported, not ignored.
export function readReportQuery(query: unknown, now: Date, t: Messages): { request: ReportRequest; problems: string[] } {
  const q = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const today = osloDateOf(now.getTime());
  const group = str(q, 'group') || 'day';
  const by = str(q, 'by') || 'site';
  const problems: string[] = [];
  if (!isReportGroup(group)) problems.push(t.reports.badGroup);
  if (!isReportBy(by)) problems.push(t.reports.badBy);
  const request: ReportRequest = {
    from: str(q, 'from') || `${today.slice(0, 7)}-01`,
    to: str(q, 'to') || today,
    group: isReportGroup(group) ? group : 'day',
    by: isReportBy(by) ? by : 'site',
  };
  return { request, problems };
}

export function reportQueryString(r: ReportRequest): string {
  return `?${new URLSearchParams({ from: r.from, to: r.to, group: r.group, by: r.by }).toString()}`;
}
