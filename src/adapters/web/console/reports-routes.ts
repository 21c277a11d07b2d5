import type { FastifyInstance } from 'fastify';
import type { FleetReport, ReportFigures, ReportRow } from '../../../core/fleet-report.ts';
import { OSLO_ZONE } from '../../../core/oslo-calendar.ts';
import { formatNok } from '../format-nok.ts';
import { html, type SafeHtml } from '../html.ts';
import { sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { kwhDecimal, percentDecimal } from './kroner.ts';
import { formatOslo } from './oslo-time.ts';
import { reportCsv } from './report-csv.ts';
import { readReportQuery, reportQueryString } from './report-query.ts';
import { textOf } from './i18n/console-language.ts';
import type { Messages } from './i18n/messages.ts';


function option(value: string, label: string, selected: string): SafeHtml {
  return html`<option value="${value}"${value === selected ? html` selected` : ''}>${label}</option>`;
}

function figureCells(f: ReportFigures): SafeHtml {
  return html`<td class="num">${String(f.sessions)}</td><td class="num">${kwhDecimal(f.energyWh)}</td><td class="num">${formatNok(f.netOre)}</td><td class="num">${formatNok(f.vatOre)}</td><td class="num">${formatNok(f.grossOre)}</td><td class="num">${formatNok(f.refundsOre)}</td><td class="num">${percentDecimal(f.utilisationBasisPoints)} %</td><td class="num">${String(f.startFailed)}</td><td class="num">${String(f.paymentFailed)}</td>`;
}

function placeCells(r: FleetReport, row: ReportRow): SafeHtml {
  return r.by === 'station' ? html`<td>${row.siteName}</td><td>${row.stationName ?? ''} <span class="muted mono">${row.stationId ?? ''}</span></td>` : html`<td>${row.siteName}</td>`;
}

function reportTable(r: FleetReport, t: Messages): SafeHtml {
  const m = t.reports;
  const place = r.by === 'station' ? html`<th scope="col">${t.common.site}</th><th scope="col">${t.common.station}</th>` : html`<th scope="col">${t.common.site}</th>`;
  return html`<table class="report"><thead><tr><th scope="col">${r.group === 'day' ? m.day : m.month}</th>${place}<th scope="col" class="num">${m.sessions}</th><th scope="col" class="num">${m.energy}</th><th scope="col" class="num">${m.net}</th><th scope="col" class="num">${t.common.vat}</th><th scope="col" class="num">${m.gross}</th><th scope="col" class="num">${m.refunds}</th><th scope="col" class="num">${m.utilisation}</th><th scope="col" class="num">${m.failedStarts}</th><th scope="col" class="num">${m.paymentFailures}</th></tr></thead>
<tbody>${r.rows.map((row) => html`<tr data-period="${row.period}"><td>${row.period}</td>${placeCells(r, row)}${figureCells(row)}</tr>`)}</tbody>
<tfoot><tr data-period="total"><th scope="row" colspan="${r.by === 'station' ? '3' : '2'}">${m.total(r.from, r.to)}</th>${figureCells(r.totals)}</tr></tfoot></table>`;
}

// The fleet's figures per day or month and per site or station (docs/reports.md),
// as a page that prints (console.css, @media print) and as a CSV. Viewers may read both.
export function registerReportRoutes(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  app.get('/console/reports', async (request, reply) => {
    const now = deps.now();
    const t = textOf(request);
    const m = t.reports;
    const { request: q, problems } = readReportQuery(request.query, now, t);
    const report = problems.length > 0 ? undefined : await deps.reports.fleet(q);
    const problem = problems.length > 0 ? problems.join(' ') : report && !report.ok ? report.error : undefined;
    const main = html`<h1>${m.title}</h1>
<form class="filters card" method="get" action="/console/reports" aria-label="${m.chooseLabel}">
<label>${t.common.from} <input type="date" name="from" value="${q.from}" required></label>
<label>${t.common.to} <input type="date" name="to" value="${q.to}" required></label>
<label>${m.per} <select name="group">${option('day', m.groups.day, q.group)}${option('month', m.groups.month, q.group)}</select></label>
<label>${m.by} <select name="by">${option('site', m.bys.site, q.by)}${option('station', m.bys.station, q.by)}</select></label>
<button type="submit">${t.common.show}</button>
<a class="button secondary" href="/console/reports.csv${reportQueryString(q)}">${m.csv}</a>
</form>
<p class="print-only">${m.printed(deps.seller.name, q.from, q.to, m.groups[q.group], m.bys[q.by], formatOslo(now.toISOString()))}</p>
${report?.ok && reportTable(report.value, t)}
<p class="muted">${m.note(OSLO_ZONE)}</p>`;
    return sendPage(deps, request, reply, { title: m.title, section: 'reports', main, ...(problem ? { problem } : {}) }, problem ? 400 : 200);
  });

  app.get('/console/reports.csv', async (request, reply) => {
    const { request: q, problems } = readReportQuery(request.query, deps.now(), textOf(request));
    if (problems.length > 0) return reply.code(400).type('text/plain; charset=utf-8').send(problems.join('\n'));
    const report = await deps.reports.fleet(q);
    if (!report.ok) return reply.code(400).type('text/plain; charset=utf-8').send(report.error);
    const name = `ladepay-report-${q.from}-${q.to}-${q.group}-${q.by}.csv`.replace(/[^\w.-]/g, '');
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${name}"`)
      .type('text/csv; charset=utf-8')
      .send(reportCsv(report.value));
  });
}
